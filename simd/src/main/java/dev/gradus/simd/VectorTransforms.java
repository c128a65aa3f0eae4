package dev.gradus.simd;

import dev.gradus.kernel.TransformKernels;
import dev.gradus.reference.ScalarTransforms;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarTransforms} (spec C1, C2). */
final class VectorTransforms implements TransformKernels {

    static final VectorTransforms INSTANCE = new VectorTransforms();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    /** Doubles of the same bit size: each float vector converts to two of these (parts 0 and 1). */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Ints of the same bit size: a float vector's bits, for {@link #maxAbs}. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    /** Every bit but the sign: {@code bits & NO_SIGN} are the bits of |x|. */
    private static final int NO_SIGN = 0x7fff_ffff;
    /** Float vectors per group of {@value TransformKernels#ACCUMULATORS} elements. */
    private static final int PER_GROUP = ACCUMULATORS / S.length();

    private VectorTransforms() {
    }

    @Override
    public double sumOfSquares(MemorySegment g, long from, long to) {
        return fixedOrderSum(g, from, to, true);
    }

    @Override
    public double sum(MemorySegment g, long from, long to) {
        return fixedOrderSum(g, from, to, false);
    }

    /**
     * The reference's 16 accumulators as {@code 32 / S.length()} double vectors a0…a7 (2 per float
     * vector of a 16-element group, the unused ones stay 0): between groups, vector k holds accumulators
     * {@code k·H … k·H + H − 1} (H doubles per vector), so every element lands in the accumulator the
     * scalar reference uses, at every width. Within a group they rotate: the pair of the float vector
     * being added is always a0, a1. Plain locals and no loop over the group: with an array of vectors
     * (or a loop over the group's vectors) C2 kept every vector as an object and allocated on each
     * addition: slower than the scalar reference ({@code NormBench} at 64K: 51 µs against 33 µs; now 3.4 µs).
     */
    private static double fixedOrderSum(MemorySegment g, long from, long to, boolean squares) {
        final DoubleVector zero = DoubleVector.zero(D);
        DoubleVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
        final long bound = from + (to - from) / ACCUMULATORS * ACCUMULATORS;
        long i = from;
        for (; i < bound; i += S.length()) {
            FloatVector f = FloatVector.fromMemorySegment(S, g, i * Float.BYTES, NATIVE);
            DoubleVector lo = (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) f.rearrange(FloatSpecies.UPPER_HALF_FIRST).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector nLo, nHi;
            if (squares) {
                // acc[k] ← acc[k] + x·x   (x·x is exact in double)
                nLo = a0.add(lo.mul(lo));
                nHi = a1.add(hi.mul(hi));
            } else {
                // acc[k] ← acc[k] + x
                nLo = a0.add(lo);
                nHi = a1.add(hi);
            }
            // the next float vector's pair to the front, this one's to the back (PER_GROUP is a constant)
            if (PER_GROUP == 1) {
                a0 = nLo; a1 = nHi;
            } else if (PER_GROUP == 2) {
                a0 = a2; a1 = a3; a2 = nLo; a3 = nHi;
            } else {
                a0 = a2; a1 = a3; a2 = a4; a3 = a5; a4 = a6; a5 = a7; a6 = nLo; a7 = nHi;
            }
        }
        double[] all = ScalarTransforms.accumulator();
        final int h = D.length();
        a0.intoArray(all, 0); a1.intoArray(all, h);
        if (PER_GROUP > 1) {
            a2.intoArray(all, 2 * h); a3.intoArray(all, 3 * h);
        }
        if (PER_GROUP > 2) {
            a4.intoArray(all, 4 * h); a5.intoArray(all, 5 * h); a6.intoArray(all, 6 * h); a7.intoArray(all, 7 * h);
        }
        if (squares) {
            ScalarTransforms.accumulateSquaresSegments(g, i, to, 0, all);
        } else {
            ScalarTransforms.accumulateSegments(g, i, to, 0, all);
        }
        return ScalarTransforms.combine(all);
    }

    /**
     * Over a {@code float[]} the scalar twin's array loop, which C2 vectorizes with its stores aligned: the
     * Vector API loop's 256-bit stores straddle cache lines there wherever the array's data does not start
     * on 32 bytes, and ran slower ({@code NormBench}'s {@code add}, {@code scale} and {@code clamp}).
     */
    @Override
    public void add(MemorySegment g, long from, long to, float c) {
        if (ScalarTransforms.overFloatArray(g)) {
            ScalarTransforms.addRange(g, from, to, c);
            return;
        }
        final FloatVector cv = FloatVector.broadcast(S, c);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← g + c
            FloatVector.fromMemorySegment(S, g, o, NATIVE).add(cv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.addRangeSegments(g, i, to, c);
    }

    /**
     * max |g| as the maximum of the bits of |g| as ints: with the sign bit cleared, floats order as their
     * bits do, and every NaN's bits lie above +∞'s, so the result is the float of the scalar reference's
     * {@code Math.max} chain (a NaN for a NaN; NaN results are compared as NaN). An integer max is one
     * one-cycle instruction; Java's float {@code max} of two vectors is five on AVX2 (for NaN and −0, which
     * cannot differ here), and with it the loop ran near the scalar loop's speed in cache (C2 vectorizes
     * that over {@code float[]}) and slower than it over {@code float[]} at 16M.
     */
    @Override
    public float maxAbs(MemorySegment g, long from, long to) {
        final long bound = from + S.loopBound(to - from);
        IntVector m = IntVector.zero(I);
        long i = from;
        for (; i < bound; i += S.length()) {
            // m ← max(m, |g|)   (NaN propagates)
            // |g|'s bits loaded as floats: loaded as ints, an IntVector reached the JDK's shared segment-access
            // code, and C2 then boxed the vectors of Adam with L2 decay over heap segments (0.7 MB a step). Written
            // here, not in a helper: a helper compiled on its own before this loop was not inlined into it once,
            // and every vector was boxed (8 KB per 1024 floats, ManyParametersAllocationTest).
            m = m.max(FloatVector.fromMemorySegment(S, g, i * Float.BYTES, NATIVE).reinterpretAsInts().and(NO_SIGN));
        }
        // the tail continues the chain from the vectors' maximum, a non-negative float or a NaN
        return ScalarTransforms.maxAbsRangeSegments(g, i, to, Float.intBitsToFloat(m.reduceLanes(VectorOperators.MAX)));
    }

    @Override
    public boolean allFinite(MemorySegment g, long from, long to) {
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            if (!FloatVector.fromMemorySegment(S, g, i * Float.BYTES, NATIVE).test(VectorOperators.IS_FINITE).allTrue()) {
                return false;
            }
        }
        return ScalarTransforms.allFiniteRangeSegments(g, i, to);
    }

    /** Over a {@code float[]} the scalar twin's array loop, as {@link #add}. */
    @Override
    public void scale(MemorySegment g, long from, long to, float c) {
        if (ScalarTransforms.overFloatArray(g)) {
            ScalarTransforms.scaleRange(g, from, to, c);
            return;
        }
        final FloatVector cv = FloatVector.broadcast(S, c);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← g·c
            FloatVector.fromMemorySegment(S, g, o, NATIVE).mul(cv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.scaleRangeSegments(g, i, to, c);
    }

    /** Over a {@code float[]} the scalar twin's array loop, as {@link #add}. */
    @Override
    public void clamp(MemorySegment g, long from, long to, float lo, float hi) {
        if (ScalarTransforms.overFloatArray(g)) {
            ScalarTransforms.clampRange(g, from, to, lo, hi);
            return;
        }
        final FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← min(max(g, lo), hi)
            FloatVector.fromMemorySegment(S, g, o, NATIVE).max(lov).min(hiv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.clampRangeSegments(g, i, to, lo, hi);
    }
}
