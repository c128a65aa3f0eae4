package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Gradient transforms (spec C1, C2, R17's gradient centralisation) and the checks the optimizer
 * makes before a step.
 *
 * <p>{@link #sumOfSquares} fixes its summation order so that every implementation, at every
 * vector width, returns the same bits: element {@code from + i} is squared in double (exact for a
 * float) and added to accumulator {@code i mod 16}, in increasing {@code i}; the 16 accumulators
 * are then combined by halving, {@code acc[k] += acc[k + w]} for {@code w = 8, 4, 2, 1}.
 */
public interface TransformKernels {

    /** Number of accumulators in {@link #sumOfSquares}'s fixed order. */
    int ACCUMULATORS = 16;

    /** Σ g[i]² over {@code [from, to)} in double, in the fixed order above. */
    double sumOfSquares(MemorySegment g, long from, long to);

    /** Σ g[i] over {@code [from, to)} in double, in the same fixed order as {@link #sumOfSquares}. */
    double sum(MemorySegment g, long from, long to);

    /** {@code g ← g + c} over {@code [from, to)}. */
    void add(MemorySegment g, long from, long to, float c);

    /** max |g[i]| over {@code [from, to)}; NaN if any element is NaN; 0 for an empty range. */
    float maxAbs(MemorySegment g, long from, long to);

    /** Whether every element of {@code [from, to)} is finite (no NaN, no ±∞). */
    boolean allFinite(MemorySegment g, long from, long to);

    /** {@code g ← g·c} over {@code [from, to)}. */
    void scale(MemorySegment g, long from, long to, float c);

    /** {@code g ← min(max(g, lo), hi)} over {@code [from, to)}; NaN stays NaN. */
    void clamp(MemorySegment g, long from, long to, float lo, float hi);
}
