package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.reference.ScalarSwats;
import dev.gradus.reference.ScalarTransforms;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.F2D;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarSwats#adamFixedOrderRange} and {@link ScalarSwats#amsgradFixedOrderRange}:
 * SWATS's Adam phase with its dot products in double, in the fixed order of the clip norm (spec R18,
 * {@link dev.gradus.rules.SwatsSums#FIXED_ORDER_DOUBLE}).
 *
 * <p>The scalar reference's 16 accumulators per sum are held as {@code 32 / S.length()} double vectors,
 * as in {@link VectorTransforms}: a group of 16 elements is one to four float vectors, and lane l of the
 * group's float vector j widens into accumulator {@code j·S.length() + l}, which is {@code (i − from) mod 16}
 * of that element at every width (the accumulator vectors rotate so that vector j's pair is at the front
 * when it is added). Each accumulator so sees the same products, widened exactly, in the same
 * order as in the scalar loop, and the tail and the combination are the scalar reference's own code: the
 * same bits at 128, 256 and 512 bits. The sums are independent chains of double additions, one per
 * accumulator vector, so unlike the float index order they do not bound the loop.
 */
final class VectorSwatsFixedOrder {

    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    /** Doubles of the same bit size: each float vector widens to two of these (parts 0 and 1). */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    /** Upper lanes first, so that part 0 of the widening gives part 1's doubles; see {@link FloatSpecies}. */
    private static final VectorShuffle<Float> UPPER = FloatSpecies.UPPER_HALF_FIRST;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final int ACC = TransformKernels.ACCUMULATORS;
    /** Float vectors per 16 elements. */
    private static final int PER_GROUP = ACC / S.length();

    private VectorSwatsFixedOrder() {
    }

    static void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, SwatsCoefficients c, double[] sums, int at) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        // Σ u·g: pg0…pg7, Σ u·u: pp0…pp7, of which 2·PER_GROUP are used. Between groups, accumulator vector k
        // holds accumulators k·H … k·H + H − 1 (H doubles per vector); within a group they rotate, see below.
        // Locals, not an array, no loop over the group's vectors and no helper methods: with any of them,
        // C2 kept the vectors as objects and every addition allocated (78 ns per element at 64K; 7–46 ns
        // at 128/256 bits; with a helper for the widening, the AMSGrad loop allocated 99 KB per 8192
        // floats in CompiledKernelAllocationTest after the transforms had run in the same JVM).
        final DoubleVector zero = DoubleVector.zero(D);
        DoubleVector pg0 = zero, pg1 = zero, pg2 = zero, pg3 = zero, pg4 = zero, pg5 = zero, pg6 = zero, pg7 = zero;
        DoubleVector pp0 = zero, pp1 = zero, pp2 = zero, pp3 = zero, pp4 = zero, pp5 = zero, pp6 = zero, pp7 = zero;
        final long bound = from + (to - from) / ACC * ACC;
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v + ⟨eps⟩
            FloatVector d = vi.sqrt().add(eps);
            // u ← (m/d)·⟨−ss⟩
            FloatVector u = mi.div(d).mul(negStep);
            // θ ← θ + u
            p = p.add(u);
            // ug[k] ← ug[k] + (double) (u·g)
            FloatVector x = u.mul(g);
            DoubleVector gLo = pg0.add((DoubleVector) x.convertShape(F2D, D, 0));
            DoubleVector gHi = pg1.add((DoubleVector) x.rearrange(UPPER).convertShape(F2D, D, 0));
            // uu[k] ← uu[k] + (double) (u·u)
            FloatVector y = u.mul(u);
            DoubleVector uLo = pp0.add((DoubleVector) y.convertShape(F2D, D, 0));
            DoubleVector uHi = pp1.add((DoubleVector) y.rearrange(UPPER).convertShape(F2D, D, 0));
            // This vector's pair is at the front; the next vector's pair moves there, this one to the
            // back. A group has PER_GROUP vectors, so each group ends with the pairs back in place.
            if (PER_GROUP == 1) {
                pg0 = gLo; pg1 = gHi; pp0 = uLo; pp1 = uHi;
            } else if (PER_GROUP == 2) {
                pg0 = pg2; pg1 = pg3; pg2 = gLo; pg3 = gHi; pp0 = pp2; pp1 = pp3; pp2 = uLo; pp3 = uHi;
            } else {
                pg0 = pg2; pg1 = pg3; pg2 = pg4; pg3 = pg5; pg4 = pg6; pg5 = pg7; pg6 = gLo; pg7 = gHi;
                pp0 = pp2; pp1 = pp3; pp2 = pp4; pp3 = pp5; pp4 = pp6; pp5 = pp7; pp6 = uLo; pp7 = uHi;
            }
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        // the accumulators in use, as the scalar reference's 16 (not through an array of vectors: see above)
        final double[][] acc = ScalarTransforms.accumulators();
        final double[] ugAll = acc[0], uuAll = acc[1];
        final int h = D.length();
        pg0.intoArray(ugAll, 0); pg1.intoArray(ugAll, h); pp0.intoArray(uuAll, 0); pp1.intoArray(uuAll, h);
        if (PER_GROUP > 1) {
            pg2.intoArray(ugAll, 2 * h); pg3.intoArray(ugAll, 3 * h); pp2.intoArray(uuAll, 2 * h); pp3.intoArray(uuAll, 3 * h);
        }
        if (PER_GROUP > 2) {
            pg4.intoArray(ugAll, 4 * h); pg5.intoArray(ugAll, 5 * h); pp4.intoArray(uuAll, 4 * h); pp5.intoArray(uuAll, 5 * h);
            pg6.intoArray(ugAll, 6 * h); pg7.intoArray(ugAll, 7 * h); pp6.intoArray(uuAll, 6 * h); pp7.intoArray(uuAll, 7 * h);
        }
        ScalarSwats.adamFixedOrderRangeSegments(param, grad, m, v, i, to, c, ugAll, uuAll);
        sums[at] = ScalarTransforms.combine(ugAll);
        sums[at + 1] = ScalarTransforms.combine(uuAll);
    }

    static void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        // Σ u·g: pg0…pg7, Σ u·u: pp0…pp7, of which 2·PER_GROUP are used. Between groups, accumulator vector k
        // holds accumulators k·H … k·H + H − 1 (H doubles per vector); within a group they rotate, see below.
        // Locals, not an array, no loop over the group's vectors and no helper methods: with any of them,
        // C2 kept the vectors as objects and every addition allocated (78 ns per element at 64K; 7–46 ns
        // at 128/256 bits; with a helper for the widening, the AMSGrad loop allocated 99 KB per 8192
        // floats in CompiledKernelAllocationTest after the transforms had run in the same JVM).
        final DoubleVector zero = DoubleVector.zero(D);
        DoubleVector pg0 = zero, pg1 = zero, pg2 = zero, pg3 = zero, pg4 = zero, pg5 = zero, pg6 = zero, pg7 = zero;
        DoubleVector pp0 = zero, pp1 = zero, pp2 = zero, pp3 = zero, pp4 = zero, pp5 = zero, pp6 = zero, pp7 = zero;
        final long bound = from + (to - from) / ACC * ACC;
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // vMax ← max(vMax, v)
            FloatVector vm = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
            // d ← √vMax + ⟨eps⟩
            FloatVector d = vm.sqrt().add(eps);
            // u ← (m/d)·⟨−ss⟩
            FloatVector u = mi.div(d).mul(negStep);
            // θ ← θ + u
            p = p.add(u);
            // ug[k] ← ug[k] + (double) (u·g)
            FloatVector x = u.mul(g);
            DoubleVector gLo = pg0.add((DoubleVector) x.convertShape(F2D, D, 0));
            DoubleVector gHi = pg1.add((DoubleVector) x.rearrange(UPPER).convertShape(F2D, D, 0));
            // uu[k] ← uu[k] + (double) (u·u)
            FloatVector y = u.mul(u);
            DoubleVector uLo = pp0.add((DoubleVector) y.convertShape(F2D, D, 0));
            DoubleVector uHi = pp1.add((DoubleVector) y.rearrange(UPPER).convertShape(F2D, D, 0));
            // This vector's pair is at the front; the next vector's pair moves there, this one to the
            // back. A group has PER_GROUP vectors, so each group ends with the pairs back in place.
            if (PER_GROUP == 1) {
                pg0 = gLo; pg1 = gHi; pp0 = uLo; pp1 = uHi;
            } else if (PER_GROUP == 2) {
                pg0 = pg2; pg1 = pg3; pg2 = gLo; pg3 = gHi; pp0 = pp2; pp1 = pp3; pp2 = uLo; pp3 = uHi;
            } else {
                pg0 = pg2; pg1 = pg3; pg2 = pg4; pg3 = pg5; pg4 = pg6; pg5 = pg7; pg6 = gLo; pg7 = gHi;
                pp0 = pp2; pp1 = pp3; pp2 = pp4; pp3 = pp5; pp4 = pp6; pp5 = pp7; pp6 = uLo; pp7 = uHi;
            }
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            vm.intoMemorySegment(vMax, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        // the accumulators in use, as the scalar reference's 16 (not through an array of vectors: see above)
        final double[][] acc = ScalarTransforms.accumulators();
        final double[] ugAll = acc[0], uuAll = acc[1];
        final int h = D.length();
        pg0.intoArray(ugAll, 0); pg1.intoArray(ugAll, h); pp0.intoArray(uuAll, 0); pp1.intoArray(uuAll, h);
        if (PER_GROUP > 1) {
            pg2.intoArray(ugAll, 2 * h); pg3.intoArray(ugAll, 3 * h); pp2.intoArray(uuAll, 2 * h); pp3.intoArray(uuAll, 3 * h);
        }
        if (PER_GROUP > 2) {
            pg4.intoArray(ugAll, 4 * h); pg5.intoArray(ugAll, 5 * h); pp4.intoArray(uuAll, 4 * h); pp5.intoArray(uuAll, 5 * h);
            pg6.intoArray(ugAll, 6 * h); pg7.intoArray(ugAll, 7 * h); pp6.intoArray(uuAll, 6 * h); pp7.intoArray(uuAll, 7 * h);
        }
        ScalarSwats.amsgradFixedOrderRangeSegments(param, grad, m, v, vMax, i, to, c, ugAll, uuAll);
        sums[at] = ScalarTransforms.combine(ugAll);
        sums[at + 1] = ScalarTransforms.combine(uuAll);
    }
}
