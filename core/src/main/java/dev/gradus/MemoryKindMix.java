package dev.gradus;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says once (logger {@code dev.gradus.kernels}, level {@code WARNING}) when the vector kernels are
 * given memory of both kinds, heap and native: at the first parameter whose value and gradient
 * differ in kind, and at the first registration that brings the second kind into the JVM (unless a
 * mixed parameter did that and was named already). Nothing else changes: every step gives the same
 * bits either way.
 *
 * <p>Why: the JDK's segment access code is shared by every caller, and C2 specialises it by the
 * segment classes its type profile has seen. Once the vector kernels have run over both kinds, the
 * kernels compiled afterwards run slower: an Adam step over 65,545 floats took 53–56 µs instead of
 * 12–13 µs ({@code MemoryKindsBench}, JDK 25). Worse, C2 hoists checks of that stale profile out of
 * the kernel loops ("profiled loop predicates"); when the other kind fails them, it compiles the kernel
 * again from the same profile, up to 100 times, and the steps run about 100 times slower meanwhile
 * (about half a minute for AdamW over 8192 floats), which {@code -XX:-UseProfiledLoopPredicate}
 * avoids (the README has the figures).
 * A kernel call over a value and a gradient of different kinds compiles badly as well. The scalar
 * reference reads heap buffers as arrays and is not affected, so only vector kernels report here.
 */
final class MemoryKindMix {

    /** The one instance of this JVM: the profile it warns about is the JVM's. */
    static final MemoryKindMix JVM = new MemoryKindMix(System.getLogger("dev.gradus.kernels"));

    private static final int HEAP = 1, NATIVE = 2, BOTH = HEAP | NATIVE;

    private final System.Logger log;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicBoolean mixedParameter = new AtomicBoolean();

    MemoryKindMix(System.Logger log) {
        this.log = log;
    }

    /** Notes the memory of {@code what} (a parameter or a block, as messages name it) just registered. */
    void note(String what, MemorySegment value, MemorySegment grad) {
        int valueKind = kind(value), gradKind = kind(grad), kinds = valueKind | gradKind;
        if (kinds == BOTH && mixedParameter.compareAndSet(false, true)) {
            log.log(Level.WARNING, "Gradus: " + what + " has its value in " + name(valueKind) + " memory and its gradient in "
                    + name(gradKind) + " memory; the vector kernels run slower over a mix of memory kinds: keep a parameter's value"
                    + " and gradient of one kind (see the README's performance section)");
        }
        int before = seen.getAndUpdate(s -> s | kinds);
        // only the registration that adds the second kind to exactly the other one (a mixed parameter spoke for itself above)
        if (kinds != BOTH && before == (BOTH ^ kinds)) {
            log.log(Level.WARNING, "Gradus: " + what + " is in " + name(kinds) + " memory, earlier parameters in " + name(before)
                    + " memory; once the vector kernels have run over both kinds, C2 compiles them to run about 4 times slower"
                    + " in this JVM, and it may recompile them again and again for about half a minute (steps about 100 times"
                    + " slower meanwhile) unless the JVM runs with -XX:-UseProfiledLoopPredicate: where speed matters, keep"
                    + " one memory kind per JVM, or use that flag (see the README's performance section)");
        }
    }

    private static int kind(MemorySegment s) {
        return s.isNative() ? NATIVE : HEAP;
    }

    private static String name(int kind) {
        return kind == NATIVE ? "native" : "heap";
    }
}
