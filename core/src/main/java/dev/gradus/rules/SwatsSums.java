package dev.gradus.rules;

/**
 * How SWATS adds its two per-parameter dot products {@code pg = Σ u·g} and {@code pp = Σ u·u} in the
 * Adam phase (spec R18, §0.3). In both, each product is the float32 product of two floats, as in the
 * sources; they differ in how the products are added.
 */
public enum SwatsSums {
    /**
     * The default, and the golden files' order: added in float32, one element at a time in increasing
     * index order, to an accumulator starting at +0 (the reference BLAS {@code sdot} of the golden
     * build). Bit-exact with the {@code swats_jettify} golden files. Each sum is a chain of dependent
     * float additions, so this order costs one addition's latency per element whatever the vector
     * width (about 0.53 ns per element on the machine of the README's figures, where the SIMD SWATS
     * kernel, which runs these chains beside the next block's element work, took 0.58–0.67 ns per
     * element at 64K floats and Adam's 0.18–0.19).
     */
    INDEX_ORDER_FLOAT,
    /**
     * Added in double, part by part: the parameter is cut into parts of {@link #PART_LENGTH} elements from
     * its first; within a part, in the fixed order of the gradient clip's norm
     * ({@link dev.gradus.kernel.TransformKernels#sumOfSquares}): product i, widened exactly, goes to
     * accumulator {@code i mod 16} (i counted from the part's first element), and the 16 accumulators are
     * combined pairwise ({@code a[k] + a[k+8]}, then {@code +4}, {@code +2}, {@code +1}); the parts' sums
     * are added in double from the first part to the last, and the result is rounded to float32 once.
     * Nearly the exact sum of the rounded products (the spec's general advice for reductions, §0.3), the
     * same bits at every vector width and thread count, and not bound by addition latency: at memory speed
     * on large parameters, like Adam (in cache about 1.6 times an Adam step on the README's machine, against
     * 3.3–3.7 times), and its parts run on the optimizer's threads. Not the golden files' bits: on the
     * {@code swats_jettify} files the switch steps are the same, λ and the SGD rate differ by up to about
     * 1e-6 relative (spec R18), as they would on a torch build whose BLAS sums in blocks (MKL, OpenBLAS).
     * (Earlier builds of 0.1.0-SNAPSHOT summed a parameter longer than one part as a single part; a run
     * resumed from their checkpoint can differ from theirs in the last bit of such a parameter's sums.)
     */
    FIXED_ORDER_DOUBLE;

    /**
     * Elements per part of a SWATS parameter's step (16,384: a multiple of every vector length and of a
     * 64-byte cache line): the unit of {@link #FIXED_ORDER_DOUBLE}'s sums and of a multi-threaded SWATS step.
     */
    public static final long PART_LENGTH = 1 << 14;
}
