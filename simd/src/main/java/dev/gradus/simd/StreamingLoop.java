package dev.gradus.simd;

import dev.gradus.kernel.Kernels;

/**
 * The loop a kernel runs over a long range: one vector an iteration, which C2 does not unroll. C2 unrolls
 * the kernels' counted loops four times, and at 16M floats such a loop ran at one of two speeds depending
 * on where in the code cache it landed (Yogi over {@code float[]} 6.1 or 8.0 ms a step, AdaBound 6.2 or 7.9);
 * without unrolling at the faster one wherever it lands. C2 leaves alone a loop whose induction variable
 * steps by more than its vectors' bytes, so this one counts the byte offset shifted left by {@link #SHIFT}
 * and steps by {@value #STRIDE}; the offset is {@code h >>> SHIFT}. Not linear in the induction variable, it
 * keeps a bounds check per access (a compare and a branch), which costs nothing while the loop waits on
 * memory but would in the caches, where the unrolled loop is also no slower: so this loop runs only over
 * ranges of at least {@link #FROM} elements ({@value Kernels#STREAMING_FROM_PROPERTY}), and the kernels'
 * unrolled loops take the rest. The kernels whose 16M steps met a slow placement use it: Adam and AMSGrad,
 * AdaBound and AMSBound, Adamax, DiffGrad, Yogi, and RMSprop without momentum or centring.
 */
final class StreamingLoop {

    static final long DEFAULT_FROM = 1L << 21;
    private static final String SETTING = System.getProperty(Kernels.STREAMING_FROM_PROPERTY);
    /** Range length from which the loop runs (an invalid setting leaves the default here and is reported by {@link #problem}). */
    static final long FROM = problem(SETTING) == null && SETTING != null ? Long.parseLong(SETTING.strip()) : DEFAULT_FROM;
    /** Step of the induction variable: above any vector's bytes at every width. */
    static final long STRIDE = 256;
    /** The induction variable is the byte offset shifted left by this. */
    static final int SHIFT = Long.numberOfTrailingZeros(STRIDE / FloatSpecies.SPECIES.vectorByteSize());
    private static final int LANES = FloatSpecies.SPECIES.length();
    /** Elements past which the shifted offset would overflow: no range reaching them runs this loop. */
    private static final long LAST_ELEMENT = Long.MAX_VALUE >>> (SHIFT + 2);

    private StreamingLoop() {
    }

    /** Whether elements {@code [from, to)} run this loop first. */
    static boolean runs(long from, long to) {
        return to - from >= FROM && to <= LAST_ELEMENT;
    }

    /** The induction variable at element {@code from}. */
    static long first(long from) {
        return from * Float.BYTES << SHIFT;
    }

    /** The induction variable after the last whole vector of {@code [from, to)}. */
    static long end(long from, long to) {
        return first(from + (to - from) / LANES * LANES);
    }

    /** The element at induction variable {@code h}. */
    static long element(long h) {
        return (h >>> SHIFT) / Float.BYTES;
    }

    /** Why {@value Kernels#STREAMING_FROM_PROPERTY} is unusable, or null. */
    static String problem() {
        return problem(SETTING);
    }

    static String problem(String setting) {
        if (setting == null) {
            return null;
        }
        try {
            if (Long.parseLong(setting.strip()) >= 0) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Kernels.STREAMING_FROM_PROPERTY + " must be a whole number of elements ≥ 0, got \"" + setting + "\"";
    }
}
