package dev.gradus.reference;

import dev.gradus.kernel.RmspropCoefficients;
import dev.gradus.kernel.RmspropKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * RMSprop, plain loops (spec R5). The vector twin in gradus-simd repeats these statements. The
 * centered square root's argument is torch's {@code addcmul(ḡ, ḡ, value=-1)}, {@code v + (⟨−1⟩·ḡ)·ḡ};
 * {@code ⟨−1⟩·ḡ} is exactly {@code −ḡ}.
 */
public final class ScalarRmsprop implements RmspropKernels {

    static final ScalarRmsprop INSTANCE = new ScalarRmsprop();

    private ScalarRmsprop() {
    }

    @Override
    public void plain(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                      long from, long to, RmspropCoefficients c) {
        plainRange(param, grad, squareAvg, from, to, c);
    }

    @Override
    public void centered(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                         long from, long to, RmspropCoefficients c) {
        centeredRange(param, grad, squareAvg, gradAvg, from, to, c);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment momentum,
                         long from, long to, RmspropCoefficients c) {
        momentumRange(param, grad, squareAvg, momentum, from, to, c);
    }

    @Override
    public void centeredMomentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                                 MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        centeredMomentumRange(param, grad, squareAvg, gradAvg, momentum, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void plainRange(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                                  long from, long to, RmspropCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, squareAvg)) {
            plainRangeArrays(param, grad, squareAvg, from, to, c);
        } else {
            plainRangeSegments(param, grad, squareAvg, from, to, c);
        }
    }

    /** {@code plainRange} over heap arrays ({@link HeapFloats}). */
    private static void plainRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, long from, long to,
            RmspropCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), squareAvgA = HeapFloats.array(squareAvg);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), squareAvgAt = HeapFloats.base(squareAvg),
                start = (int) from, end = (int) to;
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvgA[squareAvgAt + i] * alpha + (oma * g) * g;
            // a ← √v + ⟨eps⟩
            float a = (float) Math.sqrt(v) + eps;
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p + (negLr * g) / a;
            squareAvgA[squareAvgAt + i] = v;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code plainRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void plainRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, long from, long to,
            RmspropCoefficients c) {
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvg.getAtIndex(JAVA_FLOAT, i) * alpha + (oma * g) * g;
            // a ← √v + ⟨eps⟩
            float a = (float) Math.sqrt(v) + eps;
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p + (negLr * g) / a;
            squareAvg.setAtIndex(JAVA_FLOAT, i, v);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void centeredRange(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                                     MemorySegment gradAvg, long from, long to, RmspropCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, squareAvg, gradAvg)) {
            centeredRangeArrays(param, grad, squareAvg, gradAvg, from, to, c);
        } else {
            centeredRangeSegments(param, grad, squareAvg, gradAvg, from, to, c);
        }
    }

    /** {@code centeredRange} over heap arrays ({@link HeapFloats}). */
    private static void centeredRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment gradAvg, long from, long to, RmspropCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad),
                squareAvgA = HeapFloats.array(squareAvg), gradAvgA = HeapFloats.array(gradAvg);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), squareAvgAt = HeapFloats.base(squareAvg),
                gradAvgAt = HeapFloats.base(gradAvg), start = (int) from, end = (int) to;
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvgA[squareAvgAt + i] * alpha + (oma * g) * g;
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            float ga = gradAvgA[gradAvgAt + i] * alpha + oma * g;
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            float a = (float) Math.sqrt(v + (-ga) * ga) + eps;
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p + (negLr * g) / a;
            squareAvgA[squareAvgAt + i] = v;
            gradAvgA[gradAvgAt + i] = ga;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code centeredRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void centeredRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment gradAvg, long from, long to, RmspropCoefficients c) {
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvg.getAtIndex(JAVA_FLOAT, i) * alpha + (oma * g) * g;
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            float ga = gradAvg.getAtIndex(JAVA_FLOAT, i) * alpha + oma * g;
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            float a = (float) Math.sqrt(v + (-ga) * ga) + eps;
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p + (negLr * g) / a;
            squareAvg.setAtIndex(JAVA_FLOAT, i, v);
            gradAvg.setAtIndex(JAVA_FLOAT, i, ga);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void momentumRange(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                                     MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, squareAvg, momentum)) {
            momentumRangeArrays(param, grad, squareAvg, momentum, from, to, c);
        } else {
            momentumRangeSegments(param, grad, squareAvg, momentum, from, to, c);
        }
    }

    /** {@code momentumRange} over heap arrays ({@link HeapFloats}). */
    private static void momentumRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad),
                squareAvgA = HeapFloats.array(squareAvg), momentumA = HeapFloats.array(momentum);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), squareAvgAt = HeapFloats.base(squareAvg),
                momentumAt = HeapFloats.base(momentum), start = (int) from, end = (int) to;
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final float mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvgA[squareAvgAt + i] * alpha + (oma * g) * g;
            // a ← √v + ⟨eps⟩
            float a = (float) Math.sqrt(v) + eps;
            // b ← b·⟨μ⟩ + g / a
            float b = momentumA[momentumAt + i] * mu + g / a;
            // θ ← θ + ⟨−lr⟩·b
            p = p + negLr * b;
            squareAvgA[squareAvgAt + i] = v;
            momentumA[momentumAt + i] = b;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code momentumRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void momentumRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final float mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvg.getAtIndex(JAVA_FLOAT, i) * alpha + (oma * g) * g;
            // a ← √v + ⟨eps⟩
            float a = (float) Math.sqrt(v) + eps;
            // b ← b·⟨μ⟩ + g / a
            float b = momentum.getAtIndex(JAVA_FLOAT, i) * mu + g / a;
            // θ ← θ + ⟨−lr⟩·b
            p = p + negLr * b;
            squareAvg.setAtIndex(JAVA_FLOAT, i, v);
            momentum.setAtIndex(JAVA_FLOAT, i, b);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void centeredMomentumRange(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                                             MemorySegment gradAvg, MemorySegment momentum, long from, long to,
                                             RmspropCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, squareAvg, gradAvg, momentum)) {
            centeredMomentumRangeArrays(param, grad, squareAvg, gradAvg, momentum, from, to, c);
        } else {
            centeredMomentumRangeSegments(param, grad, squareAvg, gradAvg, momentum, from, to, c);
        }
    }

    /** {@code centeredMomentumRange} over heap arrays ({@link HeapFloats}). */
    private static void centeredMomentumRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment gradAvg, MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad),
                squareAvgA = HeapFloats.array(squareAvg), gradAvgA = HeapFloats.array(gradAvg),
                momentumA = HeapFloats.array(momentum);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), squareAvgAt = HeapFloats.base(squareAvg),
                gradAvgAt = HeapFloats.base(gradAvg), momentumAt = HeapFloats.base(momentum), start = (int) from,
                end = (int) to;
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final float mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvgA[squareAvgAt + i] * alpha + (oma * g) * g;
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            float ga = gradAvgA[gradAvgAt + i] * alpha + oma * g;
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            float a = (float) Math.sqrt(v + (-ga) * ga) + eps;
            // b ← b·⟨μ⟩ + g / a
            float b = momentumA[momentumAt + i] * mu + g / a;
            // θ ← θ + ⟨−lr⟩·b
            p = p + negLr * b;
            squareAvgA[squareAvgAt + i] = v;
            gradAvgA[gradAvgAt + i] = ga;
            momentumA[momentumAt + i] = b;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code centeredMomentumRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void centeredMomentumRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
            MemorySegment gradAvg, MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        final float alpha = c.alpha(), oma = c.oneMinusAlpha(), eps = c.eps(), negLr = c.negLr(), wd = c.weightDecay();
        final float mu = c.momentum();
        final boolean l2 = c.l2(), maximize = c.maximize();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← −g
            if (maximize) g = -g;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            float v = squareAvg.getAtIndex(JAVA_FLOAT, i) * alpha + (oma * g) * g;
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            float ga = gradAvg.getAtIndex(JAVA_FLOAT, i) * alpha + oma * g;
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            float a = (float) Math.sqrt(v + (-ga) * ga) + eps;
            // b ← b·⟨μ⟩ + g / a
            float b = momentum.getAtIndex(JAVA_FLOAT, i) * mu + g / a;
            // θ ← θ + ⟨−lr⟩·b
            p = p + negLr * b;
            squareAvg.setAtIndex(JAVA_FLOAT, i, v);
            gradAvg.setAtIndex(JAVA_FLOAT, i, ga);
            momentum.setAtIndex(JAVA_FLOAT, i, b);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
