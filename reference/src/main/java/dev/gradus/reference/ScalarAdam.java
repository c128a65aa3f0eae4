package dev.gradus.reference;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.kernel.AdamKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Adam/AdamW, plain loops (spec R6–R8). The vector twin in gradus-simd repeats these statements. */
public final class ScalarAdam implements AdamKernels {

    static final ScalarAdam INSTANCE = new ScalarAdam();

    private ScalarAdam() {
    }

    @Override
    public void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, AdamCoefficients c) {
        adamRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        MemorySegment vMax, long from, long to, AdamCoefficients c) {
        amsgradRange(param, grad, m, v, vMax, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void adamRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 long from, long to, AdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            adamRangeArrays(param, grad, m, v, from, to, c);
        } else {
            adamRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code adamRange} over heap arrays ({@link HeapFloats}). */
    private static void adamRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, AdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vi) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adamRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adamRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, AdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vi) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void amsgradRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                    MemorySegment vMax, long from, long to, AdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v, vMax)) {
            amsgradRangeArrays(param, grad, m, v, vMax, from, to, c);
        } else {
            amsgradRangeSegments(param, grad, m, v, vMax, from, to, c);
        }
    }

    /** {@code amsgradRange} over heap arrays ({@link HeapFloats}). */
    private static void amsgradRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, AdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), vMaxA = HeapFloats.array(vMax);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), vMaxAt = HeapFloats.base(vMax), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMaxA[vMaxAt + i], vi);
            // d ← √vMax / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vm) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            vMaxA[vMaxAt + i] = vm;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code amsgradRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void amsgradRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, AdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMax.getAtIndex(JAVA_FLOAT, i), vi);
            // d ← √vMax / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vm) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            vMax.setAtIndex(JAVA_FLOAT, i, vm);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
