package dev.gradus.kernel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Chooses the kernels at run time, once per JVM.
 *
 * <p>The system property {@value #MODE_PROPERTY} is {@code auto} (default), {@code scalar} or
 * {@code vector}. In {@code auto} mode the vector kernels are used when all of these hold:
 * the {@code jdk.incubator.vector} module is in the boot layer ({@code --add-modules
 * jdk.incubator.vector}), the C2 compiler is on, {@code gradus-simd} is on the class path, and the
 * float species it would use has at least 128 bits (and fits the machine; see {@value #BITS_PROPERTY}
 * and {@value #EMULATED_PROPERTY}).
 * Otherwise the scalar reference is used and one warning names the cause and the fix. In
 * {@code vector} mode the same conditions failing is an {@link IllegalStateException}. The choice
 * is logged once (logger {@code dev.gradus.kernels}) and can be read with {@link #choice()}.
 *
 * <p>This class never names a Vector API type: such a class fails to link without the module.
 */
public final class Kernels {

    /** {@code auto | scalar | vector}. */
    public static final String MODE_PROPERTY = "gradus.kernels";
    /** Vector width in bits (128, 256 or 512); default: the machine's preferred species. */
    public static final String BITS_PROPERTY = "gradus.simd.bits";
    /**
     * {@code true} lets {@value #BITS_PROPERTY} name a width above the machine's preferred one, which the
     * Vector API then runs in plain Java (every vector an object, far slower than the scalar kernels): for
     * testing the wider kernels' bits on a narrower machine, never for speed. Default {@code false}: such a
     * width is refused.
     */
    public static final String EMULATED_PROPERTY = "gradus.simd.emulated";
    /**
     * Elements from which a vector kernel runs its range in a loop the JIT does not unroll: on the machine
     * measured, the unrolled loops streamed from memory at one of two speeds depending on where the JIT
     * placed them, and the loop that is not unrolled at the faster one, while in the caches it was no faster
     * and keeps bounds checks. An integer ≥ 0 (0: every range); default 2,097,152 (four streams of 8 MiB fill
     * a 32 MiB L3). Any other value refuses the vector kernels with the reason. The same floats either way.
     */
    public static final String STREAMING_FROM_PROPERTY = "gradus.simd.streamingFrom";

    private static final System.Logger LOG = System.getLogger("dev.gradus.kernels");

    private Kernels() {
    }

    private static final class Selected {
        /** The decision, or the failure of a forced choice, kept so every call reports the same cause. */
        static final Decision DECISION;
        static final IllegalStateException FAILURE;

        static {
            Decision d = null;
            IllegalStateException f = null;
            try {
                d = decide(System.getProperty(MODE_PROPERTY, "auto"), JvmFacts.vectorModulePresent(), JvmFacts.c2Missing(),
                        loadProviders());
            } catch (IllegalStateException e) {
                f = e;
                LOG.log(Level.ERROR, "Gradus cannot choose its kernels: " + e.getMessage());
            }
            DECISION = d;
            FAILURE = f;
            if (d != null) {
                d.fallbackReason().ifPresent(r -> LOG.log(Level.WARNING, "Gradus uses the scalar kernels: " + r));
                LOG.log(Level.INFO, "Gradus kernels: " + d.provider().name()
                        + (d.kernels().vectorBits() > 0 ? " (" + d.kernels().vectorBits() + "-bit float species)" : ""));
            }
        }

        static Decision get() {
            if (FAILURE != null) {
                throw new IllegalStateException(FAILURE.getMessage(), FAILURE);
            }
            return DECISION;
        }
    }

    /**
     * The kernels this JVM uses; decided on first use.
     *
     * @throws IllegalStateException in {@code vector} mode when the vector kernels cannot run, or
     *                               for an invalid {@value #MODE_PROPERTY} (on every call)
     */
    public static UpdateKernels selected() {
        return Selected.get().kernels();
    }

    /** What was chosen and, for a fallback, why (throws as {@link #selected()} does). */
    public static KernelChoice choice() {
        Decision d = Selected.get();
        return new KernelChoice(d.provider().name(), d.kernels().vectorBits(), d.fallbackReason());
    }

    /**
     * The kernels of the named provider ({@code "scalar"} or {@code "vector"}), for tests and
     * benchmarks that compare the two.
     *
     * @throws IllegalStateException if the provider is missing or cannot run here, with the reason
     */
    public static UpdateKernels byName(String name) {
        KernelProvider p = find(loadProviders(), name)
                .orElseThrow(() -> new IllegalStateException("no kernel provider named '" + name
                        + "' on the class path; expected 'scalar' (gradus-reference) or 'vector' (gradus-simd)"));
        p.unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("the " + name + " kernels cannot run: " + r);
        });
        return p.kernels();
    }

    /** Whether the named provider can run here, and if not why. */
    public static Optional<String> unavailableReason(String name) {
        return find(loadProviders(), name).map(KernelProvider::unavailableReason)
                .orElse(Optional.of("no kernel provider named '" + name + "' on the class path"));
    }

    record Decision(KernelProvider provider, UpdateKernels kernels, Optional<String> fallbackReason) {
    }

    /** The decision as a pure function of its inputs, so that every branch can be tested. */
    static Decision decide(String mode, boolean vectorModule, Optional<String> c2Missing,
                           List<KernelProvider> providers) {
        String m = mode.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("auto") && !m.equals("scalar") && !m.equals("vector")) {
            throw new IllegalStateException(MODE_PROPERTY + " must be auto, scalar or vector, got '" + mode + "'");
        }
        KernelProvider scalar = find(providers, "scalar").orElseThrow(() -> new IllegalStateException(
                "the scalar kernels (gradus-reference) are not on the class path; Gradus needs them as its reference and fallback"));
        if (m.equals("scalar")) {
            return new Decision(scalar, scalar.kernels(), Optional.empty());
        }
        Optional<KernelProvider> vector = find(providers, "vector");
        String reason;
        if (!vectorModule) {
            reason = "the " + JvmFacts.VECTOR_MODULE + " module is not in the boot layer; "
                    + "fix: start the JVM with --add-modules " + JvmFacts.VECTOR_MODULE;
        } else if (c2Missing.isPresent()) {
            reason = c2Missing.get() + "; fix: run with the default server compiler (C2)";
        } else if (vector.isEmpty()) {
            reason = "gradus-simd is not on the class path; fix: add the dev.gradus:gradus-simd dependency";
        } else {
            reason = vector.get().unavailableReason().orElse(null);
        }
        if (reason == null) {
            UpdateKernels k = vector.get().kernels();
            return new Decision(vector.get(), k, Optional.empty());
        }
        if (m.equals("vector")) {
            throw new IllegalStateException(MODE_PROPERTY + "=vector, but the vector kernels cannot run: " + reason);
        }
        return new Decision(scalar, scalar.kernels(), Optional.of(reason));
    }

    private static Optional<KernelProvider> find(List<KernelProvider> providers, String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<KernelProvider> loadProviders() {
        List<KernelProvider> list = new ArrayList<>();
        ServiceLoader.load(KernelProvider.class, Kernels.class.getClassLoader()).forEach(list::add);
        return list;
    }
}
