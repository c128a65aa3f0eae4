package dev.gradus.reference;

import dev.gradus.kernel.SgdCoefficients;
import dev.gradus.kernel.SgdKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** SGD, plain loops (spec R1–R3). The vector twin in gradus-simd repeats these statements. */
public final class ScalarSgd implements SgdKernels {

    static final ScalarSgd INSTANCE = new ScalarSgd();

    private ScalarSgd() {
    }

    @Override
    public void plain(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
        plainRange(param, grad, from, to, c);
    }

    @Override
    public void momentumFirst(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                              long from, long to, SgdCoefficients c) {
        momentumFirstRange(param, grad, buffer, from, to, c);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                         long from, long to, SgdCoefficients c) {
        momentumRange(param, grad, buffer, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void plainRange(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
        if (from < to && HeapFloats.of(param, grad)) {
            plainRangeArrays(param, grad, from, to, c);
        } else {
            plainRangeSegments(param, grad, from, to, c);
        }
    }

    /** {@code plainRange} over heap arrays ({@link HeapFloats}). */
    private static void plainRangeArrays(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), start = (int) from, end = (int) to;
        final float negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // θ ← θ + ⟨−lr⟩·g
            p = p + negLr * g;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code plainRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void plainRangeSegments(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
        final float negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // θ ← θ + ⟨−lr⟩·g
            p = p + negLr * g;
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void momentumFirstRange(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                                          long from, long to, SgdCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, buffer)) {
            momentumFirstRangeArrays(param, grad, buffer, from, to, c);
        } else {
            momentumFirstRangeSegments(param, grad, buffer, from, to, c);
        }
    }

    /** {@code momentumFirstRange} over heap arrays ({@link HeapFloats}). */
    private static void momentumFirstRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment buffer, long from,
            long to, SgdCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), bufferA = HeapFloats.array(buffer);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), bufferAt = HeapFloats.base(buffer),
                start = (int) from, end = (int) to;
        final float negLr = c.negLr(), wd = c.weightDecay(), mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← g
            float b = g;
            // d ← nesterov ? g + ⟨μ⟩·b : b
            float d = nesterov ? g + mu * b : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p + negLr * d;
            bufferA[bufferAt + i] = b;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code momentumFirstRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void momentumFirstRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment buffer, long from,
            long to, SgdCoefficients c) {
        final float negLr = c.negLr(), wd = c.weightDecay(), mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← g
            float b = g;
            // d ← nesterov ? g + ⟨μ⟩·b : b
            float d = nesterov ? g + mu * b : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p + negLr * d;
            buffer.setAtIndex(JAVA_FLOAT, i, b);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void momentumRange(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                                     long from, long to, SgdCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, buffer)) {
            momentumRangeArrays(param, grad, buffer, from, to, c);
        } else {
            momentumRangeSegments(param, grad, buffer, from, to, c);
        }
    }

    /** {@code momentumRange} over heap arrays ({@link HeapFloats}). */
    private static void momentumRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment buffer, long from, long to,
            SgdCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), bufferA = HeapFloats.array(buffer);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), bufferAt = HeapFloats.base(buffer),
                start = (int) from, end = (int) to;
        final float negLr = c.negLr(), wd = c.weightDecay(), mu = c.momentum(), damp = c.oneMinusDampening();
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨μ⟩ + ⟨1−τ⟩·g
            float b = bufferA[bufferAt + i] * mu + damp * g;
            // d ← nesterov ? g + ⟨μ⟩·b : b
            float d = nesterov ? g + mu * b : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p + negLr * d;
            bufferA[bufferAt + i] = b;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code momentumRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void momentumRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment buffer, long from, long to,
            SgdCoefficients c) {
        final float negLr = c.negLr(), wd = c.weightDecay(), mu = c.momentum(), damp = c.oneMinusDampening();
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨μ⟩ + ⟨1−τ⟩·g
            float b = buffer.getAtIndex(JAVA_FLOAT, i) * mu + damp * g;
            // d ← nesterov ? g + ⟨μ⟩·b : b
            float d = nesterov ? g + mu * b : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p + negLr * d;
            buffer.setAtIndex(JAVA_FLOAT, i, b);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
