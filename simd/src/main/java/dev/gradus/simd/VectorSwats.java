package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsDots;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.reference.ScalarSwats;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarSwats} (spec R18).
 *
 * <p><b>The dot products are bitwise those of the scalar reference.</b> The scalar loop adds, for
 * i = from, from+1, …, the float32 product {@code u_i·g_i} to {@code pg} (and {@code u_i·u_i} to
 * {@code pp}), each addition rounded. Here the products are formed lanewise: lane j of {@code u.mul(g)}
 * is the correctly rounded float32 product of the same two floats, so it has the bits of the scalar
 * {@code u*g} (no FMA on either side: Java never contracts, and the vector loop multiplies, stores, then
 * adds). The lanes are stored to a scratch array, a block of {@value #BLOCK} elements at a time, and
 * after the block's element pass added to the scalar accumulators one at a time in index order; the scalar twin's
 * {@code ...Range} then continues the same accumulators over the tail. Each accumulator therefore sees the
 * same operands in the same order with the same roundings as the scalar loop (pg and pp are independent,
 * so interleaving them differently does not matter). The element pass itself is the usual lanewise
 * repetition of the scalar statements.
 *
 * <p>Why blocks: the two sums are chains of dependent float additions, one addition per element each,
 * so they cannot go faster than one addition's latency per element (about 0.5 ns here). Added right
 * after each vector's element pass (through a 16-float array, read back at once), they ran at about
 * half that speed; as one tight loop over a block's products, the two chains interleaved, they run at
 * it, and the whole kernel took 0.73 instead of 1.03 ns per element at 64K ({@code StepBench}, native
 * segments). Blocks of 32–128 were slower, 2048 no faster; summing the previous block's products
 * inside the next block's element pass was slower too.
 */
final class VectorSwats implements SwatsKernels {

    static final VectorSwats INSTANCE = new VectorSwats();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Elements per block of the Adam phase: a multiple of every species length. */
    private static final int BLOCK = 512;
    /** Per thread, the products u·g and u·u of one block (no allocation per call). */
    private static final ThreadLocal<float[][]> PRODUCTS = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    private VectorSwats() {
    }

    @Override
    public SwatsDots adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                          long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final float[][] products = PRODUCTS.get();
        final float[] ug = products[0], uu = products[1];
        float pg = 0f, pp = 0f;
        final long bound = from + S.loopBound(to - from);
        long i = from;
        while (i < bound) {
            final int n = (int) Math.min(BLOCK, bound - i);
            for (int j = 0; j < n; j += S.length()) {
                final long o = (i + j) * Float.BYTES;
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
                // pg ← pg + u·g, in index order
                u.mul(g).intoArray(ug, j);      // the products now, the additions after the block
                // pp ← pp + u·u, in index order
                u.mul(u).intoArray(uu, j);
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                p.intoMemorySegment(param, o, NATIVE);
            }
            for (int j = 0; j < n; j++) {      // the block's two sums, each in index order
                pg = pg + ug[j];
                pp = pp + uu[j];
            }
            i += n;
        }
        return ScalarSwats.adamRangeSegments(param, grad, m, v, i, to, c, pg, pp);
    }

    @Override
    public SwatsDots amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                             long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final float[][] products = PRODUCTS.get();
        final float[] ug = products[0], uu = products[1];
        float pg = 0f, pp = 0f;
        final long bound = from + S.loopBound(to - from);
        long i = from;
        while (i < bound) {
            final int n = (int) Math.min(BLOCK, bound - i);
            for (int j = 0; j < n; j += S.length()) {
                final long o = (i + j) * Float.BYTES;
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
                // pg ← pg + u·g, in index order
                u.mul(g).intoArray(ug, j);      // the products now, the additions after the block
                // pp ← pp + u·u, in index order
                u.mul(u).intoArray(uu, j);
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                vm.intoMemorySegment(vMax, o, NATIVE);
                p.intoMemorySegment(param, o, NATIVE);
            }
            for (int j = 0; j < n; j++) {      // the block's two sums, each in index order
                pg = pg + ug[j];
                pp = pp + uu[j];
            }
            i += n;
        }
        return ScalarSwats.amsgradRangeSegments(param, grad, m, v, vMax, i, to, c, pg, pp);
    }

    @Override
    public SwatsDots adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                    long from, long to, SwatsCoefficients c) {
        return VectorSwatsFixedOrder.adam(param, grad, m, v, from, to, c);
    }

    @Override
    public SwatsDots amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                       MemorySegment vMax, long from, long to, SwatsCoefficients c) {
        return VectorSwatsFixedOrder.amsgrad(param, grad, m, v, vMax, from, to, c);
    }

    @Override
    public void sgdFirst(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negLr = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← g
            FloatVector bi = g;
            // u ← g·⟨1−β1⟩
            FloatVector u = g.mul(omb1);
            // u ← u + ⟨β1⟩·b
            if (nesterov) u = u.add(b1.mul(bi));
            // θ ← θ + ⟨−Λ⟩·u
            p = p.add(negLr.mul(u));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdFirstRangeSegments(param, grad, b, i, to, c);
    }

    @Override
    public void sgdShrinking(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negLr = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← b·⟨β1⟩ + g
            FloatVector bi = FloatVector.fromMemorySegment(S, b, o, NATIVE).mul(b1).add(g);
            // b ← b·⟨1−β1⟩  (the sources' in-place shrink)
            bi = bi.mul(omb1);
            // b ← b + ⟨β1⟩·b
            if (nesterov) bi = bi.add(b1.mul(bi));
            // θ ← θ + ⟨−Λ⟩·b
            p = p.add(negLr.mul(bi));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdShrinkingRangeSegments(param, grad, b, i, to, c);
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1());
        final FloatVector negStep = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← b·⟨β1⟩ + g
            FloatVector bi = FloatVector.fromMemorySegment(S, b, o, NATIVE).mul(b1).add(g);
            // d ← g + ⟨β1⟩·b (nesterov), else d ← b
            FloatVector d = nesterov ? g.add(b1.mul(bi)) : bi;
            // θ ← θ + ⟨−(1−β1)·Λ⟩·d
            p = p.add(negStep.mul(d));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdRangeSegments(param, grad, b, i, to, c);
    }
}
