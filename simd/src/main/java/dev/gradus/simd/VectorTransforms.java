package dev.gradus.simd;

import dev.gradus.kernel.TransformKernels;
import dev.gradus.reference.ScalarTransforms;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
     * The reference's 16 accumulators as {@code 32 / S.length()} double vectors: accumulator
     * vector {@code a} holds accumulators {@code a·H … a·H + H − 1} (H doubles per vector), so
     * every element lands in the accumulator the scalar reference uses, at every width.
     */
    private static double fixedOrderSum(MemorySegment g, long from, long to, boolean squares) {
        final int floats = S.length(), halves = floats / 2, perBlock = ACCUMULATORS / floats;
        DoubleVector[] acc = new DoubleVector[2 * perBlock];
        for (int a = 0; a < acc.length; a++) {
            acc[a] = DoubleVector.zero(D);
        }
        final long bound = from + (to - from) / ACCUMULATORS * ACCUMULATORS;
        long i = from;
        for (; i < bound; i += ACCUMULATORS) {
            for (int j = 0; j < perBlock; j++) {
                FloatVector f = FloatVector.fromMemorySegment(S, g, (i + (long) j * floats) * Float.BYTES, NATIVE);
                DoubleVector lo = (DoubleVector) f.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector hi = (DoubleVector) f.convertShape(VectorOperators.F2D, D, 1);
                if (squares) {
                    // acc[k] ← acc[k] + x·x   (x·x is exact in double)
                    acc[2 * j] = acc[2 * j].add(lo.mul(lo));
                    acc[2 * j + 1] = acc[2 * j + 1].add(hi.mul(hi));
                } else {
                    // acc[k] ← acc[k] + x
                    acc[2 * j] = acc[2 * j].add(lo);
                    acc[2 * j + 1] = acc[2 * j + 1].add(hi);
                }
            }
        }
        double[] all = new double[ACCUMULATORS];
        for (int a = 0; a < acc.length; a++) {
            acc[a].intoArray(all, a * halves);
        }
        if (squares) {
            ScalarTransforms.accumulateSquares(g, i, to, 0, all);
        } else {
            ScalarTransforms.accumulate(g, i, to, 0, all);
        }
        return ScalarTransforms.combine(all);
    }

    @Override
    public void add(MemorySegment g, long from, long to, float c) {
        final FloatVector cv = FloatVector.broadcast(S, c);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← g + c
            FloatVector.fromMemorySegment(S, g, o, NATIVE).add(cv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.addRange(g, i, to, c);
    }

    @Override
    public float maxAbs(MemorySegment g, long from, long to) {
        final long bound = from + S.loopBound(to - from);
        FloatVector m = FloatVector.zero(S);
        long i = from;
        for (; i < bound; i += S.length()) {
            // m ← max(m, |g|)   (NaN propagates)
            m = m.max(FloatVector.fromMemorySegment(S, g, i * Float.BYTES, NATIVE).abs());
        }
        // max returns one of its operands, so the lane order of the reduction cannot change the bits.
        return ScalarTransforms.maxAbsRange(g, i, to, m.reduceLanes(VectorOperators.MAX));
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
        return ScalarTransforms.allFiniteRange(g, i, to);
    }

    @Override
    public void scale(MemorySegment g, long from, long to, float c) {
        final FloatVector cv = FloatVector.broadcast(S, c);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← g·c
            FloatVector.fromMemorySegment(S, g, o, NATIVE).mul(cv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.scaleRange(g, i, to, c);
    }

    @Override
    public void clamp(MemorySegment g, long from, long to, float lo, float hi) {
        final FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // g ← min(max(g, lo), hi)
            FloatVector.fromMemorySegment(S, g, o, NATIVE).max(lov).min(hiv).intoMemorySegment(g, o, NATIVE);
        }
        ScalarTransforms.clampRange(g, i, to, lo, hi);
    }
}
