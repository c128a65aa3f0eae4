package dev.gradus.reference;

import dev.gradus.kernel.AdagradCoefficients;
import dev.gradus.kernel.AdagradKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Adagrad, plain loops (spec R4). The vector twin in gradus-simd repeats these statements. */
public final class ScalarAdagrad implements AdagradKernels {

    static final ScalarAdagrad INSTANCE = new ScalarAdagrad();

    private ScalarAdagrad() {
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to,
                        AdagradCoefficients c) {
        adagradRange(param, grad, sum, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void adagradRange(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to,
                                    AdagradCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, sum)) {
            adagradRangeArrays(param, grad, sum, from, to, c);
        } else {
            adagradRangeSegments(param, grad, sum, from, to, c);
        }
    }

    /** {@code adagradRange} over heap arrays ({@link HeapFloats}). */
    private static void adagradRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to,
            AdagradCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), sumA = HeapFloats.array(sum);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), sumAt = HeapFloats.base(sum),
                start = (int) from, end = (int) to;
        final float negClr = c.negClr(), eps = c.eps(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // s ← s + g·g
            float s = sumA[sumAt + i] + g * g;
            // σ ← √s + ⟨eps⟩
            float sigma = (float) Math.sqrt(s) + eps;
            // θ ← θ + (⟨−clr⟩·g) / σ
            p = p + (negClr * g) / sigma;
            sumA[sumAt + i] = s;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adagradRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adagradRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to,
            AdagradCoefficients c) {
        final float negClr = c.negClr(), eps = c.eps(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // s ← s + g·g
            float s = sum.getAtIndex(JAVA_FLOAT, i) + g * g;
            // σ ← √s + ⟨eps⟩
            float sigma = (float) Math.sqrt(s) + eps;
            // θ ← θ + (⟨−clr⟩·g) / σ
            p = p + (negClr * g) / sigma;
            sum.setAtIndex(JAVA_FLOAT, i, s);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
