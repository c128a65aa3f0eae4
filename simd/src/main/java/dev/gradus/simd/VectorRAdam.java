package dev.gradus.simd;

import dev.gradus.kernel.RAdamCoefficients;
import dev.gradus.kernel.RAdamKernels;
import dev.gradus.reference.ScalarRAdam;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarRAdam} (spec R11). Late in a run it leaves out the division by ⟨bc1⟩
 * (exactly 1 from step 165 with β1 = 0.9) and the multiplications by ⟨√bc2⟩ and ⟨r_t⟩ (both exactly 1
 * from step 19,606 with β2 = 0.999): x / 1 and x · 1 are x, so the floats are the reference's, which
 * still performs them (UnitScalarsTest).
 */
final class VectorRAdam implements RAdamKernels {

    static final VectorRAdam INSTANCE = new VectorRAdam();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorRAdam() {
    }

    @Override
    public void rectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                          long from, long to, RAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc1 = FloatVector.broadcast(S, c.bc1()), lr = FloatVector.broadcast(S, c.lr());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), sb = FloatVector.broadcast(S, c.bc2Sqrt());
        final FloatVector rect = FloatVector.broadcast(S, c.rect()), one = FloatVector.broadcast(S, 1f);
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), decay = FloatVector.broadcast(S, c.decay());
        final FloatVector negWdLr = FloatVector.broadcast(S, c.negWeightDecayLr());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        final boolean unitBc1 = c.bc1() == 1f;           // x / 1 = x exactly: from step 165 with β1 = 0.9
        // x · 1 = x exactly: ⟨√bc2⟩ and ⟨r_t⟩ are both 1 from step 19,606 with β2 = 0.999
        final boolean unitScales = c.bc2Sqrt() == 1f && c.rect() == 1f;
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p.add(negWdLr.mul(p));
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // m̂ ← m / ⟨bc1⟩
            FloatVector mHat = unitBc1 ? mi : mi.div(bc1);
            // a ← (1 / (√v + ⟨eps⟩))·⟨√bc2⟩
            FloatVector a = one.div(vi.sqrt().add(eps));
            if (!unitScales) a = a.mul(sb);
            // θ ← θ − ((m̂·⟨lr⟩)·a)·⟨r_t⟩
            FloatVector u = mHat.mul(lr).mul(a);
            p = p.sub(unitScales ? u : u.mul(rect));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRAdam.rectifiedRangeSegments(param, grad, m, v, i, to, c);
    }

    @Override
    public void unrectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                            long from, long to, RAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc1 = FloatVector.broadcast(S, c.bc1()), lr = FloatVector.broadcast(S, c.lr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), decay = FloatVector.broadcast(S, c.decay());
        final FloatVector negWdLr = FloatVector.broadcast(S, c.negWeightDecayLr());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        final boolean unitBc1 = c.bc1() == 1f;           // x / 1 = x exactly: from step 165 with β1 = 0.9
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p.add(negWdLr.mul(p));
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // m̂ ← m / ⟨bc1⟩
            FloatVector mHat = unitBc1 ? mi : mi.div(bc1);
            // θ ← θ − m̂·⟨lr⟩
            p = p.sub(mHat.mul(lr));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRAdam.unrectifiedRangeSegments(param, grad, m, v, i, to, c);
    }

    @Override
    public void repoRectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                              long from, long to, RAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStepLr = FloatVector.broadcast(S, c.negStepLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), decay = FloatVector.broadcast(S, c.decay());
        final FloatVector negWdLr = FloatVector.broadcast(S, c.negWeightDecayLr());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p.add(negWdLr.mul(p));
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v + ⟨eps⟩
            FloatVector d = vi.sqrt().add(eps);
            // θ ← θ + (⟨(−s)·lr⟩·m) / d
            p = p.add(negStepLr.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRAdam.repoRectifiedRangeSegments(param, grad, m, v, i, to, c);
    }

    @Override
    public void repoSgd(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        long from, long to, RAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector negStepLr = FloatVector.broadcast(S, c.negStepLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), decay = FloatVector.broadcast(S, c.decay());
        final FloatVector negWdLr = FloatVector.broadcast(S, c.negWeightDecayLr());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p.add(negWdLr.mul(p));
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // θ ← θ + ⟨(−s)·lr⟩·m
            p = p.add(negStepLr.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRAdam.repoSgdRangeSegments(param, grad, m, v, i, to, c);
    }

    @Override
    public void momentsOnly(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                            long from, long to, RAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(FloatVector.fromMemorySegment(S, param, o, NATIVE)));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
        }
        ScalarRAdam.momentsOnlyRangeSegments(param, grad, m, v, i, to, c);
    }
}
