package dev.gradus.reference;

import dev.gradus.kernel.AdamaxCoefficients;
import dev.gradus.kernel.AdamaxKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Adamax, plain loops (spec R9). The vector twin in gradus-simd repeats these statements. */
public final class ScalarAdamax implements AdamaxKernels {

    static final ScalarAdamax INSTANCE = new ScalarAdamax();

    private ScalarAdamax() {
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
                       long from, long to, AdamaxCoefficients c) {
        adamaxRange(param, grad, m, u, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void adamaxRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
                                   long from, long to, AdamaxCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, u)) {
            adamaxRangeArrays(param, grad, m, u, from, to, c);
        } else {
            adamaxRangeSegments(param, grad, m, u, from, to, c);
        }
    }

    /** {@code adamaxRange} over heap arrays ({@link HeapFloats}). */
    private static void adamaxRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u, long from,
            long to, AdamaxCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                uA = HeapFloats.array(u);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                uAt = HeapFloats.base(u), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), eps = c.eps();
        final float negClr = c.negClr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // u ← max(u·⟨β2⟩, |g| + ⟨eps⟩)
            float ui = Math.max(uA[uAt + i] * b2, Math.abs(g) + eps);
            // θ ← θ + (⟨−clr⟩·m) / u
            p = p + (negClr * mi) / ui;
            mA[mAt + i] = mi;
            uA[uAt + i] = ui;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adamaxRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adamaxRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
            long from, long to, AdamaxCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), eps = c.eps();
        final float negClr = c.negClr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // u ← max(u·⟨β2⟩, |g| + ⟨eps⟩)
            float ui = Math.max(u.getAtIndex(JAVA_FLOAT, i) * b2, Math.abs(g) + eps);
            // θ ← θ + (⟨−clr⟩·m) / u
            p = p + (negClr * mi) / ui;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            u.setAtIndex(JAVA_FLOAT, i, ui);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
