package dev.gradus.simd;

import dev.gradus.kernel.Kernels;

/**
 * The loop a kernel runs over a long range: two vectors an iteration over byte offsets (an inner loop of
 * two, which C2 unrolls fully), so that the induction variable steps by {@link #STRIDE} bytes, more than C2
 * unrolls a loop for (JDK 25, 512-bit vectors). The one-vector loops are unrolled four times, and at 16M
 * floats such a loop ran at one of two speeds (Yogi over {@code float[]} 6.1 or 8.0 ms a step) depending on
 * where in the code cache it landed; the two-vector loop at the faster one wherever it lands. In the caches
 * over {@code float[]} the two-vector loop is 6–13% slower, so it runs only over ranges of at least {@link
 * #FROM} elements ({@value Kernels#PAIRED_FROM_PROPERTY}); the one-vector loop finishes the range.
 * The kernels whose 16M steps met a slow placement use it: Adam and AMSGrad, AdaBound and AMSBound, Yogi,
 * and RMSprop without momentum or centring. Over native memory it cost AdaBound 8% against its usual
 * placement ({@code docs/performance-history.md}, session 31).
 */
final class PairedLoop {

    static final long DEFAULT_FROM = 1L << 21;
    private static final String SETTING = System.getProperty(Kernels.PAIRED_FROM_PROPERTY);
    /** Range length from which the paired loop runs (an invalid setting leaves the default here and is reported by {@link #problem}). */
    static final long FROM = problem(SETTING) == null && SETTING != null ? Long.parseLong(SETTING.strip()) : DEFAULT_FROM;
    /** Bytes of one vector. */
    static final long VECTOR = FloatSpecies.SPECIES.vectorByteSize();
    /** Bytes one iteration advances. */
    static final long STRIDE = 2 * VECTOR;
    private static final long PAIR_ELEMENTS = 2L * FloatSpecies.SPECIES.length();

    private PairedLoop() {
    }

    /** Whether elements {@code [from, to)} run the paired loop first. */
    static boolean runs(long from, long to) {
        return to - from >= FROM;
    }

    /** Byte offset, from element 0, at which the paired loop over {@code [from, to)} ends: the last whole pair's end. */
    static long endByte(long from, long to) {
        return (from + (to - from) / PAIR_ELEMENTS * PAIR_ELEMENTS) * Float.BYTES;
    }

    /** Why {@value Kernels#PAIRED_FROM_PROPERTY} is unusable, or null. */
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
        return Kernels.PAIRED_FROM_PROPERTY + " must be a whole number of elements ≥ 0, got \"" + setting + "\"";
    }
}
