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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void rectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                      long from, long to, RAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            rectifiedRangeArrays(param, grad, m, v, from, to, c);
        } else {
            rectifiedRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code rectifiedRange} over heap arrays ({@link HeapFloats}). */
    private static void rectifiedRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, RAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc1 = c.bc1(), lr = c.lr(), eps = c.eps(), sb = c.bc2Sqrt(), rect = c.rect();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // m̂ ← m / ⟨bc1⟩
            float mHat = mi / bc1;
            // a ← (1 / (√v + ⟨eps⟩))·⟨√bc2⟩
            float a = (1f / ((float) Math.sqrt(vi) + eps)) * sb;
            // θ ← θ − ((m̂·⟨lr⟩)·a)·⟨r_t⟩
            p = p - ((mHat * lr) * a) * rect;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code rectifiedRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void rectifiedRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void unrectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                        long from, long to, RAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            unrectifiedRangeArrays(param, grad, m, v, from, to, c);
        } else {
            unrectifiedRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code unrectifiedRange} over heap arrays ({@link HeapFloats}). */
    private static void unrectifiedRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, RAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc1 = c.bc1(), lr = c.lr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // m̂ ← m / ⟨bc1⟩
            float mHat = mi / bc1;
            // θ ← θ − m̂·⟨lr⟩
            p = p - mHat * lr;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code unrectifiedRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void unrectifiedRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void repoRectifiedRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                          long from, long to, RAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            repoRectifiedRangeArrays(param, grad, m, v, from, to, c);
        } else {
            repoRectifiedRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code repoRectifiedRange} over heap arrays ({@link HeapFloats}). */
    private static void repoRectifiedRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, RAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStepLr = c.negStepLr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + (⟨(−s)·lr⟩·m) / d
            p = p + (negStepLr * mi) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code repoRectifiedRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void repoRectifiedRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void repoSgdRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                    long from, long to, RAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            repoSgdRangeArrays(param, grad, m, v, from, to, c);
        } else {
            repoSgdRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code repoSgdRange} over heap arrays ({@link HeapFloats}). */
    private static void repoSgdRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, RAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float negStepLr = c.negStepLr();
        final float wd = c.weightDecay(), decay = c.decay(), negWdLr = c.negWeightDecayLr();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), additive = c.decoupledAdditive();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (additive) p = p + negWdLr * p;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // θ ← θ + ⟨(−s)·lr⟩·m
            p = p + negStepLr * mi;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code repoSgdRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void repoSgdRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void momentsOnlyRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                        long from, long to, RAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            momentsOnlyRangeArrays(param, grad, m, v, from, to, c);
        } else {
            momentsOnlyRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code momentsOnlyRange} over heap arrays ({@link HeapFloats}). */
    private static void momentsOnlyRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, RAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (int i = start; i < end; i++) {
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * paramA[paramAt + i];
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
        }
    }

    /** {@code momentsOnlyRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void momentsOnlyRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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
