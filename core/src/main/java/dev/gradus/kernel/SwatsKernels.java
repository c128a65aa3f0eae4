package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Element formulas of SWATS (spec R18). Equations use the {@link SwatsCoefficients} names; g is the
 * gradient after weight decay, {@code g + λ·θ} when {@code l2}, a value local to the kernel (the
 * gradient buffer is only read; the sources write it into the gradient in place, with the same numbers).
 */
public interface SwatsKernels {

    /**
     * Adam phase: {@code m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g; d ← √v + eps; u ← (m/d)·(−ss);
     * θ ← θ + u}, and writes {@code Σ u·g} to {@code sums[at]} and {@code Σ u·u} to {@code sums[at + 1]}, each
     * product rounded to float32 and added one element at a time in increasing index order to a float32
     * accumulator starting at +0 (the float sums, widened exactly). The sums go to the caller's array, not into a
     * returned object, so that a step over many parameters allocates nothing per call.
     *
     * @throws IllegalArgumentException if {@code sums} cannot hold two doubles from {@code at} (nothing written)
     */
    void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
              long from, long to, SwatsCoefficients c, double[] sums, int at);

    /** As {@link #adam}, with {@code vMax ← max(vMax, v)} and {@code d ← √vMax + eps}. */
    void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                 long from, long to, SwatsCoefficients c, double[] sums, int at);

    /**
     * As {@link #adam}, with the dot products added in double in {@link TransformKernels#sumOfSquares}'s fixed
     * order: the float32 product of element i, widened exactly, is added to accumulator
     * {@code (i − from) mod }{@value TransformKernels#ACCUMULATORS}, and the accumulators are combined pairwise
     * ({@code a[k] + a[k+8]}, then {@code +4}, {@code +2}, {@code +1}). The sums are written in double, not
     * rounded: the rule adds the sums of a parameter's parts before it rounds once.
     */
    void adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        long from, long to, SwatsCoefficients c, double[] sums, int at);

    /** As {@link #amsgrad}, with the dot products of {@link #adamFixedOrder}. */
    void amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                           MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at);

    /**
     * Throws unless {@code sums} holds two doubles from index {@code at}: every implementation of the four
     * methods above calls it before writing anything.
     */
    static void checkSums(double[] sums, int at) {
        if (sums == null || at < 0 || at > sums.length - 2) {
            throw new IllegalArgumentException("sums must hold two doubles from index at: got "
                    + (sums == null ? "null" : "a length of " + sums.length) + " and at = " + at);
        }
    }

    /**
     * The repositories' first SGD-phase step of a parameter: {@code b ← g; u ← g·(1−β1);
     * u ← u + β1·b (nesterov); θ ← θ + negSgdStep·u}.
     */
    void sgdFirst(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c);

    /**
     * The repositories' later SGD-phase steps, shrink included: {@code b ← b·β1 + g; b ← b·(1−β1);
     * b ← b + β1·b (nesterov); θ ← θ + negSgdStep·b}.
     */
    void sgdShrinking(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c);

    /**
     * The paper's SGD phase ({@code b} is 0 at the switch): {@code b ← b·β1 + g; θ ← θ + negSgdStep·b}, or
     * with nesterov {@code θ ← θ + negSgdStep·(g + β1·b)}.
     */
    void sgd(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c);
}
