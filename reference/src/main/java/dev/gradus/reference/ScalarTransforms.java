package dev.gradus.reference;

import dev.gradus.kernel.TransformKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Gradient transforms, plain loops (spec C1, C2). The vector twin repeats these statements. */
public final class ScalarTransforms implements TransformKernels {

    static final ScalarTransforms INSTANCE = new ScalarTransforms();

    /** Per thread, two sets of the fixed order's accumulators, reused by every call ({@link #accumulators()}). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][ACCUMULATORS]);

    private ScalarTransforms() {
    }

    /**
     * This thread's two arrays of {@value TransformKernels#ACCUMULATORS} accumulators of the fixed order, zeroed:
     * scratch for one fixed-order call at a time on this thread (the norms' and means' sums use the first, SWATS's
     * double sums both: Σ u·g's, then Σ u·u's). A step calls these sums once per chunk, row or part, so a new
     * array per call was an allocation per parameter (144 bytes each; {@code ManyParametersAllocationTest}).
     */
    public static double[][] accumulators() {
        double[][] acc = SCRATCH.get();
        java.util.Arrays.fill(acc[0], 0);
        java.util.Arrays.fill(acc[1], 0);
        return acc;
    }

    /** The first of {@link #accumulators()}, zeroed, the second left as it is: for a call with one sum. */
    public static double[] accumulator() {
        double[] acc = SCRATCH.get()[0];
        java.util.Arrays.fill(acc, 0);
        return acc;
    }

    @Override
    public double sumOfSquares(MemorySegment g, long from, long to) {
        double[] acc = accumulator();
        accumulateSquares(g, from, to, 0, acc);
        return combine(acc);
    }

    /**
     * Adds {@code g[i]²} to {@code acc[(k0 + i - from) mod 16]}; its segment loop is also the tail of the vector twin,
     * which passes the position {@code k0} its own loop reached.
     */
    public static void accumulateSquares(MemorySegment g, long from, long to, int k0, double[] acc) {
        if (from < to && HeapFloats.of(g)) {
            accumulateSquaresArrays(g, from, to, k0, acc);
        } else {
            accumulateSquaresSegments(g, from, to, k0, acc);
        }
    }

    /** {@code accumulateSquares} over heap arrays ({@link HeapFloats}). */
    private static void accumulateSquaresArrays(MemorySegment g, long from, long to, int k0, double[] acc) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        int k = k0;
        for (int i = start; i < end; i++) {
            double x = gA[gAt + i];
            // acc[k] ← acc[k] + x·x   (x·x is exact in double)
            acc[k] = acc[k] + x * x;
            k = (k + 1) & (ACCUMULATORS - 1);
        }
    }

    /** {@code accumulateSquares} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void accumulateSquaresSegments(MemorySegment g, long from, long to, int k0, double[] acc) {
        int k = k0;
        for (long i = from; i < to; i++) {
            double x = g.getAtIndex(JAVA_FLOAT, i);
            // acc[k] ← acc[k] + x·x   (x·x is exact in double)
            acc[k] = acc[k] + x * x;
            k = (k + 1) & (ACCUMULATORS - 1);
        }
    }

    @Override
    public double sum(MemorySegment g, long from, long to) {
        double[] acc = accumulator();
        accumulate(g, from, to, 0, acc);
        return combine(acc);
    }

    /** Adds {@code g[i]} to {@code acc[(k0 + i - from) mod 16]}; its segment loop is also the tail of the vector twin. */
    public static void accumulate(MemorySegment g, long from, long to, int k0, double[] acc) {
        if (from < to && HeapFloats.of(g)) {
            accumulateArrays(g, from, to, k0, acc);
        } else {
            accumulateSegments(g, from, to, k0, acc);
        }
    }

    /** {@code accumulate} over heap arrays ({@link HeapFloats}). */
    private static void accumulateArrays(MemorySegment g, long from, long to, int k0, double[] acc) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        int k = k0;
        for (int i = start; i < end; i++) {
            double x = gA[gAt + i];
            // acc[k] ← acc[k] + x
            acc[k] = acc[k] + x;
            k = (k + 1) & (ACCUMULATORS - 1);
        }
    }

    /** {@code accumulate} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void accumulateSegments(MemorySegment g, long from, long to, int k0, double[] acc) {
        int k = k0;
        for (long i = from; i < to; i++) {
            double x = g.getAtIndex(JAVA_FLOAT, i);
            // acc[k] ← acc[k] + x
            acc[k] = acc[k] + x;
            k = (k + 1) & (ACCUMULATORS - 1);
        }
    }

    @Override
    public void add(MemorySegment g, long from, long to, float c) {
        addRange(g, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void addRange(MemorySegment g, long from, long to, float c) {
        if (from < to && HeapFloats.of(g)) {
            addRangeArrays(g, from, to, c);
        } else {
            addRangeSegments(g, from, to, c);
        }
    }

    /** {@code addRange} over heap arrays ({@link HeapFloats}). */
    private static void addRangeArrays(MemorySegment g, long from, long to, float c) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        for (int i = start; i < end; i++) {
            // g ← g + c
            gA[gAt + i] = gA[gAt + i] + c;
        }
    }

    /** {@code addRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void addRangeSegments(MemorySegment g, long from, long to, float c) {
        for (long i = from; i < to; i++) {
            // g ← g + c
            g.setAtIndex(JAVA_FLOAT, i, g.getAtIndex(JAVA_FLOAT, i) + c);
        }
    }

    /**
     * Whether {@code g} is a heap segment over a {@code float[]} from a whole element, which the {@code *Range}
     * methods here run as plain array loops: C2 compiles those of {@link #scaleRange}, {@link #addRange} and
     * {@link #clampRange} to SIMD code whose stores it first aligns, which the vector twin cannot do for an
     * array (the JDK does not say where its data lies), so the vector twin runs them there too.
     */
    public static boolean overFloatArray(MemorySegment g) {
        return HeapFloats.of(g);
    }

    /** The fixed combination: {@code acc[k] += acc[k + w]} for w = 8, 4, 2, 1. */
    public static double combine(double[] acc) {
        for (int w = ACCUMULATORS / 2; w >= 1; w /= 2) {
            for (int k = 0; k < w; k++) {
                acc[k] = acc[k] + acc[k + w];
            }
        }
        return acc[0];
    }

    @Override
    public float maxAbs(MemorySegment g, long from, long to) {
        return maxAbsRange(g, from, to, 0f);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static float maxAbsRange(MemorySegment g, long from, long to, float initial) {
        return from < to && HeapFloats.of(g)
                ? maxAbsRangeArrays(g, from, to, initial)
                : maxAbsRangeSegments(g, from, to, initial);
    }

    /** {@code maxAbsRange} over heap arrays ({@link HeapFloats}). */
    private static float maxAbsRangeArrays(MemorySegment g, long from, long to, float initial) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        float m = initial;
        for (int i = start; i < end; i++) {
            // m ← max(m, |g|)   (NaN propagates)
            m = Math.max(m, Math.abs(gA[gAt + i]));
        }
        return m;
    }

    /** {@code maxAbsRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static float maxAbsRangeSegments(MemorySegment g, long from, long to, float initial) {
        float m = initial;
        for (long i = from; i < to; i++) {
            // m ← max(m, |g|)   (NaN propagates)
            m = Math.max(m, Math.abs(g.getAtIndex(JAVA_FLOAT, i)));
        }
        return m;
    }

    @Override
    public boolean allFinite(MemorySegment g, long from, long to) {
        return allFiniteRange(g, from, to);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static boolean allFiniteRange(MemorySegment g, long from, long to) {
        return from < to && HeapFloats.of(g) ? allFiniteRangeArrays(g, from, to) : allFiniteRangeSegments(g, from, to);
    }

    /** {@code allFiniteRange} over heap arrays ({@link HeapFloats}). */
    private static boolean allFiniteRangeArrays(MemorySegment g, long from, long to) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        for (int i = start; i < end; i++) {
            if (!Float.isFinite(gA[gAt + i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code allFiniteRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static boolean allFiniteRangeSegments(MemorySegment g, long from, long to) {
        for (long i = from; i < to; i++) {
            if (!Float.isFinite(g.getAtIndex(JAVA_FLOAT, i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void scale(MemorySegment g, long from, long to, float c) {
        scaleRange(g, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void scaleRange(MemorySegment g, long from, long to, float c) {
        if (from < to && HeapFloats.of(g)) {
            scaleRangeArrays(g, from, to, c);
        } else {
            scaleRangeSegments(g, from, to, c);
        }
    }

    /** {@code scaleRange} over heap arrays ({@link HeapFloats}). */
    private static void scaleRangeArrays(MemorySegment g, long from, long to, float c) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        for (int i = start; i < end; i++) {
            // g ← g·c
            gA[gAt + i] = gA[gAt + i] * c;
        }
    }

    /** {@code scaleRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void scaleRangeSegments(MemorySegment g, long from, long to, float c) {
        for (long i = from; i < to; i++) {
            // g ← g·c
            g.setAtIndex(JAVA_FLOAT, i, g.getAtIndex(JAVA_FLOAT, i) * c);
        }
    }

    @Override
    public void clamp(MemorySegment g, long from, long to, float lo, float hi) {
        clampRange(g, from, to, lo, hi);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void clampRange(MemorySegment g, long from, long to, float lo, float hi) {
        if (from < to && HeapFloats.of(g)) {
            clampRangeArrays(g, from, to, lo, hi);
        } else {
            clampRangeSegments(g, from, to, lo, hi);
        }
    }

    /** {@code clampRange} over heap arrays ({@link HeapFloats}). */
    private static void clampRangeArrays(MemorySegment g, long from, long to, float lo, float hi) {
        final float[] gA = HeapFloats.array(g);
        final int gAt = HeapFloats.base(g), start = (int) from, end = (int) to;
        for (int i = start; i < end; i++) {
            // g ← min(max(g, lo), hi)
            gA[gAt + i] = Math.min(Math.max(gA[gAt + i], lo), hi);
        }
    }

    /** {@code clampRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void clampRangeSegments(MemorySegment g, long from, long to, float lo, float hi) {
        for (long i = from; i < to; i++) {
            // g ← min(max(g, lo), hi)
            g.setAtIndex(JAVA_FLOAT, i, Math.min(Math.max(g.getAtIndex(JAVA_FLOAT, i), lo), hi));
        }
    }
}
