package dev.gradus.reference;

import dev.gradus.kernel.YogiCoefficients;
import dev.gradus.kernel.YogiKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Yogi, plain loop (spec R15). The vector twin in gradus-simd repeats these statements. */
public final class ScalarYogi implements YogiKernels {

    static final ScalarYogi INSTANCE = new ScalarYogi();
    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    private ScalarYogi() {
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, YogiCoefficients c) {
        yogiRange(param, grad, m, v, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void yogiRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 long from, long to, YogiCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            yogiRangeArrays(param, grad, m, v, from, to, c);
        } else {
            yogiRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code yogiRange} over heap arrays ({@link HeapFloats}). */
    private static void yogiRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, YogiCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negOmb2 = c.negOneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // q ← g·g
            float q = g * g;
            float vi = vA[vAt + i];
            // Δ ← v − q
            float diff = vi - q;
            // σ ← sign(Δ): +1, −1, or +0 for ±0 and NaN (torch's sign)
            float sigma = sign(diff);
            // v ← v + (⟨−(1−β2)⟩·σ)·q
            vi = vi + (negOmb2 * sigma) * q;
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vi) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code yogiRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void yogiRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, YogiCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negOmb2 = c.negOneMinusBeta2();
        final float bc2s = c.bc2Sqrt(), eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // q ← g·g
            float q = g * g;
            float vi = v.getAtIndex(JAVA_FLOAT, i);
            // Δ ← v − q
            float diff = vi - q;
            // σ ← sign(Δ): +1, −1, or +0 for ±0 and NaN (torch's sign)
            float sigma = sign(diff);
            // v ← v + (⟨−(1−β2)⟩·σ)·q
            vi = vi + (negOmb2 * sigma) * q;
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            float d = (float) Math.sqrt(vi) / bc2s + eps;
            // θ ← θ + (⟨−step⟩·m) / d
            p = p + (negStep * mi) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /**
     * torch's sign as a float: +1, −1, or +0 for ±0 and NaN, as {@code x > 0 ? 1 : x < 0 ? −1 : 0} gives it
     * ({@code YogiSignTest} holds it to that form for every float). Computed on the bits, with no comparison
     * C2 could compile to a branch, as it did that form: where the sign of v − g² flips unpredictably (v near
     * g², as a parameter's v settles) the mispredictions made the scalar step at 64K 2.3–2.6 times slower
     * (history, session 26).
     */
    static float sign(float x) {
        int bits = Float.floatToRawIntBits(x), magnitude = bits & 0x7fffffff;
        // 1 if 0 < |x| ≤ ∞ (neither ±0 nor NaN: both differences ≥ 0), else 0
        int nonZero = ~((INFINITY_BITS - magnitude) | (magnitude - 1)) >>> 31;
        // ±1 by the sign bit; the int 0 converts to +0
        return nonZero * (1 | bits >> 31);
    }
}
