package dev.gradus.reference;

import dev.gradus.kernel.AdaModCoefficients;
import dev.gradus.kernel.AdaModKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** AdaMod, plain loops (spec R13). The vector twin in gradus-simd repeats these statements. */
public final class ScalarAdaMod implements AdaModKernels {

    static final ScalarAdaMod INSTANCE = new ScalarAdaMod();

    private ScalarAdaMod() {
    }

    @Override
    public void adaMod(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment s,
                       long from, long to, AdaModCoefficients c) {
        adaModRange(param, grad, m, v, s, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void adaModRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                   MemorySegment s, long from, long to, AdaModCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v, s)) {
            adaModRangeArrays(param, grad, m, v, s, from, to, c);
        } else {
            adaModRangeSegments(param, grad, m, v, s, from, to, c);
        }
    }

    /** {@code adaModRange} over heap arrays ({@link HeapFloats}). */
    private static void adaModRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment s, long from, long to, AdaModCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), sA = HeapFloats.array(s);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), sAt = HeapFloats.base(s), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float b3 = c.beta3(), omb3 = c.oneMinusBeta3(), eps = c.eps(), ss = c.stepSize(), negDecay = c.negDecay();
        final boolean decay = c.decay();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (decay) p = p + negDecay * p;
            // η ← ⟨ss⟩ / d
            float eta = ss / d;
            // s ← s·⟨β3⟩ + ⟨1−β3⟩·η
            float si = sA[sAt + i] * b3 + omb3 * eta;
            // η ← min(η, s)
            eta = Math.min(eta, si);
            // θ ← θ − η·m
            p = p - eta * mi;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            sA[sAt + i] = si;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adaModRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adaModRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment s, long from, long to, AdaModCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float b3 = c.beta3(), omb3 = c.oneMinusBeta3(), eps = c.eps(), ss = c.stepSize(), negDecay = c.negDecay();
        final boolean decay = c.decay();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (decay) p = p + negDecay * p;
            // η ← ⟨ss⟩ / d
            float eta = ss / d;
            // s ← s·⟨β3⟩ + ⟨1−β3⟩·η
            float si = s.getAtIndex(JAVA_FLOAT, i) * b3 + omb3 * eta;
            // η ← min(η, s)
            eta = Math.min(eta, si);
            // θ ← θ − η·m
            p = p - eta * mi;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            s.setAtIndex(JAVA_FLOAT, i, si);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
