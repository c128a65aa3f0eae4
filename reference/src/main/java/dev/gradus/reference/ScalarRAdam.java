package dev.gradus.reference;

import dev.gradus.kernel.RAdamCoefficients;
import dev.gradus.kernel.RAdamKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** RAdam, plain loops (spec R11). The vector twin in gradus-simd repeats these statements. */
public final class ScalarRAdam implements RAdamKernels {

    static final ScalarRAdam INSTANCE = new ScalarRAdam();

    private ScalarRAdam() {
    }

    @Override
    public void rectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                          long from, long to, RAdamCoefficients c) {
        rectifiedRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void unrectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                            long from, long to, RAdamCoefficients c) {
        unrectifiedRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void repoRectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                              long from, long to, RAdamCoefficients c) {
        repoRectifiedRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void repoSgd(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        long from, long to, RAdamCoefficients c) {
        repoSgdRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void momentsOnly(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                            long from, long to, RAdamCoefficients c) {
        momentsOnlyRange(param, grad, m, v, from, to, c);
    }

    /** Also the tail of the vector twin. */
    public static void rectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                      long from, long to, RAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc1 = c.bc1(), lr = c.lr(), eps = c.eps(), sb = c.bc2Sqrt(), rect = c.rect();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // m̂ ← m / ⟨bc1⟩
            float mHat = mi / bc1;
            // a ← (1 / (√v + ⟨eps⟩))·⟨√bc2⟩
            float a = (1f / ((float) Math.sqrt(vi) + eps)) * sb;
            // θ ← θ − ((m̂·⟨lr⟩)·a)·⟨r_t⟩
            p = p - ((mHat * lr) * a) * rect;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Also the tail of the vector twin. */
    public static void unrectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                        long from, long to, RAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc1 = c.bc1(), lr = c.lr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // m̂ ← m / ⟨bc1⟩
            float mHat = mi / bc1;
            // θ ← θ − m̂·⟨lr⟩
            p = p - mHat * lr;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Also the tail of the vector twin. */
    public static void repoRectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                          long from, long to, RAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStepLr = c.negStepLr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + (⟨(−s)·lr⟩·m) / d
            p = p + (negStepLr * mi) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Also the tail of the vector twin. */
    public static void repoSgdRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                    long from, long to, RAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float negStepLr = c.negStepLr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // θ ← θ + ⟨(−s)·lr⟩·m
            p = p + negStepLr * mi;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Also the tail of the vector twin. */
    public static void momentsOnlyRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                        long from, long to, RAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (long i = from; i < to; i++) {
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * param.getAtIndex(JAVA_FLOAT, i);
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
        }
    }
}
