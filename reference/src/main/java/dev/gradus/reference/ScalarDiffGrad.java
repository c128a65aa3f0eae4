package dev.gradus.reference;

import dev.gradus.kernel.DiffGradCoefficients;
import dev.gradus.kernel.DiffGradKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * DiffGrad, plain loop (spec R14). The vector twin in gradus-simd repeats these statements; only
 * its {@code exp} differs ({@code (float) Math.exp} here, as the spec prescribes; an inline float
 * exp there, within 1 ulp of this one).
 */
public final class ScalarDiffGrad implements DiffGradKernels {

    static final ScalarDiffGrad INSTANCE = new ScalarDiffGrad();

    private ScalarDiffGrad() {
    }

    @Override
    public void diffGrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment prev,
                         long from, long to, DiffGradCoefficients c) {
        diffGradRange(param, grad, m, v, prev, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void diffGradRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                     MemorySegment prev, long from, long to, DiffGradCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v, prev)) {
            diffGradRangeArrays(param, grad, m, v, prev, from, to, c);
        } else {
            diffGradRangeSegments(param, grad, m, v, prev, from, to, c);
        }
    }

    /** {@code diffGradRange} over heap arrays ({@link HeapFloats}). */
    private static void diffGradRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment prev, long from, long to, DiffGradCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), prevA = HeapFloats.array(prev);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), prevAt = HeapFloats.base(prev), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // Δ ← |prev − g|
            float delta = Math.abs(prevA[prevAt + i] - g);
            // ξ ← 1 / (1 + exp(−Δ))
            float xi = 1f / (1f + (float) Math.exp(-delta));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + (⟨−ss⟩·(m·ξ)) / d
            p = p + (negStep * (mi * xi)) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            // prev ← g
            prevA[prevAt + i] = g;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code diffGradRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void diffGradRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment prev, long from, long to, DiffGradCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // Δ ← |prev − g|
            float delta = Math.abs(prev.getAtIndex(JAVA_FLOAT, i) - g);
            // ξ ← 1 / (1 + exp(−Δ))
            float xi = 1f / (1f + (float) Math.exp(-delta));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // θ ← θ + (⟨−ss⟩·(m·ξ)) / d
            p = p + (negStep * (mi * xi)) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            // prev ← g
            prev.setAtIndex(JAVA_FLOAT, i, g);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
