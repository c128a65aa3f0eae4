package dev.gradus.reference;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.kernel.TransformKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * SWATS, plain loops (spec R18). The vector twin in gradus-simd repeats these statements; for the Adam
 * phase it hands its running dot products to the {@code ...Range} methods here, which continue them.
 */
public final class ScalarSwats implements SwatsKernels {

    static final ScalarSwats INSTANCE = new ScalarSwats();

    private ScalarSwats() {
    }

    @Override
    public void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        adamRange(param, grad, m, v, from, to, c, 0f, 0f, sums, at);
    }

    @Override
    public void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                        long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        amsgradRange(param, grad, m, v, vMax, from, to, c, 0f, 0f, sums, at);
    }

    @Override
    public void adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                               long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        double[][] acc = ScalarTransforms.accumulators();
        double[] ug = acc[0], uu = acc[1];
        adamFixedOrderRange(param, grad, m, v, from, to, c, ug, uu);
        sums[at] = ScalarTransforms.combine(ug);
        sums[at + 1] = ScalarTransforms.combine(uu);
    }

    @Override
    public void amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                  MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        double[][] acc = ScalarTransforms.accumulators();
        double[] ug = acc[0], uu = acc[1];
        amsgradFixedOrderRange(param, grad, m, v, vMax, from, to, c, ug, uu);
        sums[at] = ScalarTransforms.combine(ug);
        sums[at + 1] = ScalarTransforms.combine(uu);
    }

    @Override
    public void sgdFirst(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        sgdFirstRange(param, grad, b, from, to, c);
    }

    @Override
    public void sgdShrinking(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        sgdShrinkingRange(param, grad, b, from, to, c);
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        sgdRange(param, grad, b, from, to, c);
    }

    /**
     * Its segment loop is also the tail of the vector twin: continues the dot products {@code pg} and {@code pp} (accumulated in
     * index order over the elements before {@code from}) over {@code [from, to)}, and writes them to {@code sums[at]}
     * and {@code sums[at + 1]}.
     */
    public static void adamRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            adamRangeArrays(param, grad, m, v, from, to, c, pg, pp, sums, at);
        } else {
            adamRangeSegments(param, grad, m, v, from, to, c, pg, pp, sums, at);
        }
    }

    /** {@code adamRange} over heap arrays ({@link HeapFloats}). */
    private static void adamRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // pg ← pg + u·g, in index order
            pg = pg + u * g;
            // pp ← pp + u·u, in index order
            pp = pp + u * u;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
        sums[at] = pg;
        sums[at + 1] = pp;
    }

    /** {@code adamRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adamRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // pg ← pg + u·g, in index order
            pg = pg + u * g;
            // pp ← pp + u·u, in index order
            pp = pp + u * u;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
        sums[at] = pg;
        sums[at + 1] = pp;
    }

    /** Its segment loop is also the tail of the vector twin; continues {@code pg} and {@code pp} as {@link #adamRange} does. */
    public static void amsgradRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                         MemorySegment vMax, long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        if (from < to && HeapFloats.of(param, grad, m, v, vMax)) {
            amsgradRangeArrays(param, grad, m, v, vMax, from, to, c, pg, pp, sums, at);
        } else {
            amsgradRangeSegments(param, grad, m, v, vMax, from, to, c, pg, pp, sums, at);
        }
    }

    /** {@code amsgradRange} over heap arrays ({@link HeapFloats}). */
    private static void amsgradRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), vMaxA = HeapFloats.array(vMax);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), vMaxAt = HeapFloats.base(vMax), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMaxA[vMaxAt + i], vi);
            // d ← √vMax + ⟨eps⟩
            float d = (float) Math.sqrt(vm) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // pg ← pg + u·g, in index order
            pg = pg + u * g;
            // pp ← pp + u·u, in index order
            pp = pp + u * u;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            vMaxA[vMaxAt + i] = vm;
            paramA[paramAt + i] = p;
        }
        sums[at] = pg;
        sums[at + 1] = pp;
    }

    /** {@code amsgradRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void amsgradRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMax.getAtIndex(JAVA_FLOAT, i), vi);
            // d ← √vMax + ⟨eps⟩
            float d = (float) Math.sqrt(vm) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // pg ← pg + u·g, in index order
            pg = pg + u * g;
            // pp ← pp + u·u, in index order
            pp = pp + u * u;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            vMax.setAtIndex(JAVA_FLOAT, i, vm);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
        sums[at] = pg;
        sums[at + 1] = pp;
    }

    /**
     * {@link #adamRange}'s element pass; adds each float32 product {@code u·g} (and {@code u·u}), widened to
     * double, to {@code ug[(i − from) mod 16]} (and {@code uu[…]}). Its segment loop is also the tail of the vector twin, which
     * calls it from a multiple of 16 elements past its own start.
     */
    public static void adamFixedOrderRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                           long from, long to, SwatsCoefficients c, double[] ug, double[] uu) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            adamFixedOrderRangeArrays(param, grad, m, v, from, to, c, ug, uu);
        } else {
            adamFixedOrderRangeSegments(param, grad, m, v, from, to, c, ug, uu);
        }
    }

    /** {@code adamFixedOrderRange} over heap arrays ({@link HeapFloats}). */
    private static void adamFixedOrderRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, SwatsCoefficients c, double[] ug, double[] uu) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        int k = 0;
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // ug[k] ← ug[k] + (double) (u·g)
            ug[k] = ug[k] + (double) (u * g);
            // uu[k] ← uu[k] + (double) (u·u)
            uu[k] = uu[k] + (double) (u * u);
            k = (k + 1) & (TransformKernels.ACCUMULATORS - 1);
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adamFixedOrderRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adamFixedOrderRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, SwatsCoefficients c, double[] ug, double[] uu) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        int k = 0;
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √v + ⟨eps⟩
            float d = (float) Math.sqrt(vi) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // ug[k] ← ug[k] + (double) (u·g)
            ug[k] = ug[k] + (double) (u * g);
            // uu[k] ← uu[k] + (double) (u·u)
            uu[k] = uu[k] + (double) (u * u);
            k = (k + 1) & (TransformKernels.ACCUMULATORS - 1);
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** {@link #amsgradRange}'s element pass with the sums of {@link #adamFixedOrderRange}; also the vector twin's tail. */
    public static void amsgradFixedOrderRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                              MemorySegment vMax, long from, long to, SwatsCoefficients c,
                                              double[] ug, double[] uu) {
        if (from < to && HeapFloats.of(param, grad, m, v, vMax)) {
            amsgradFixedOrderRangeArrays(param, grad, m, v, vMax, from, to, c, ug, uu);
        } else {
            amsgradFixedOrderRangeSegments(param, grad, m, v, vMax, from, to, c, ug, uu);
        }
    }

    /** {@code amsgradFixedOrderRange} over heap arrays ({@link HeapFloats}). */
    private static void amsgradFixedOrderRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] ug, double[] uu) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), vMaxA = HeapFloats.array(vMax);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), vMaxAt = HeapFloats.base(vMax), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        int k = 0;
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMaxA[vMaxAt + i], vi);
            // d ← √vMax + ⟨eps⟩
            float d = (float) Math.sqrt(vm) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // ug[k] ← ug[k] + (double) (u·g)
            ug[k] = ug[k] + (double) (u * g);
            // uu[k] ← uu[k] + (double) (u·u)
            uu[k] = uu[k] + (double) (u * u);
            k = (k + 1) & (TransformKernels.ACCUMULATORS - 1);
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            vMaxA[vMaxAt + i] = vm;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code amsgradFixedOrderRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void amsgradFixedOrderRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m,
            MemorySegment v, MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] ug, double[] uu) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), negStep = c.negStepSize(), wd = c.weightDecay();
        final boolean l2 = c.l2();
        int k = 0;
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // vMax ← max(vMax, v)
            float vm = Math.max(vMax.getAtIndex(JAVA_FLOAT, i), vi);
            // d ← √vMax + ⟨eps⟩
            float d = (float) Math.sqrt(vm) + eps;
            // u ← (m/d)·⟨−ss⟩
            float u = (mi / d) * negStep;
            // θ ← θ + u
            p = p + u;
            // ug[k] ← ug[k] + (double) (u·g)
            ug[k] = ug[k] + (double) (u * g);
            // uu[k] ← uu[k] + (double) (u·u)
            uu[k] = uu[k] + (double) (u * u);
            k = (k + 1) & (TransformKernels.ACCUMULATORS - 1);
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            vMax.setAtIndex(JAVA_FLOAT, i, vm);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void sgdFirstRange(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
                                     SwatsCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, b)) {
            sgdFirstRangeArrays(param, grad, b, from, to, c);
        } else {
            sgdFirstRangeSegments(param, grad, b, from, to, c);
        }
    }

    /** {@code sgdFirstRange} over heap arrays ({@link HeapFloats}). */
    private static void sgdFirstRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), bA = HeapFloats.array(b);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), bAt = HeapFloats.base(b),
                start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negLr = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← g
            float bi = g;
            // u ← g·⟨1−β1⟩
            float u = g * omb1;
            // u ← u + ⟨β1⟩·b
            if (nesterov) u = u + b1 * bi;
            // θ ← θ + ⟨−Λ⟩·u
            p = p + negLr * u;
            bA[bAt + i] = bi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code sgdFirstRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void sgdFirstRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negLr = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← g
            float bi = g;
            // u ← g·⟨1−β1⟩
            float u = g * omb1;
            // u ← u + ⟨β1⟩·b
            if (nesterov) u = u + b1 * bi;
            // θ ← θ + ⟨−Λ⟩·u
            p = p + negLr * u;
            b.setAtIndex(JAVA_FLOAT, i, bi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void sgdShrinkingRange(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
                                         SwatsCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, b)) {
            sgdShrinkingRangeArrays(param, grad, b, from, to, c);
        } else {
            sgdShrinkingRangeSegments(param, grad, b, from, to, c);
        }
    }

    /** {@code sgdShrinkingRange} over heap arrays ({@link HeapFloats}). */
    private static void sgdShrinkingRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), bA = HeapFloats.array(b);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), bAt = HeapFloats.base(b),
                start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negLr = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨β1⟩ + g
            float bi = bA[bAt + i] * b1 + g;
            // b ← b·⟨1−β1⟩  (the sources' in-place shrink)
            bi = bi * omb1;
            // b ← b + ⟨β1⟩·b
            if (nesterov) bi = bi + b1 * bi;
            // θ ← θ + ⟨−Λ⟩·b
            p = p + negLr * bi;
            bA[bAt + i] = bi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code sgdShrinkingRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void sgdShrinkingRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), negLr = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨β1⟩ + g
            float bi = b.getAtIndex(JAVA_FLOAT, i) * b1 + g;
            // b ← b·⟨1−β1⟩  (the sources' in-place shrink)
            bi = bi * omb1;
            // b ← b + ⟨β1⟩·b
            if (nesterov) bi = bi + b1 * bi;
            // θ ← θ + ⟨−Λ⟩·b
            p = p + negLr * bi;
            b.setAtIndex(JAVA_FLOAT, i, bi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void sgdRange(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
                                SwatsCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, b)) {
            sgdRangeArrays(param, grad, b, from, to, c);
        } else {
            sgdRangeSegments(param, grad, b, from, to, c);
        }
    }

    /** {@code sgdRange} over heap arrays ({@link HeapFloats}). */
    private static void sgdRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), bA = HeapFloats.array(b);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), bAt = HeapFloats.base(b),
                start = (int) from, end = (int) to;
        final float b1 = c.beta1(), negStep = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨β1⟩ + g
            float bi = bA[bAt + i] * b1 + g;
            // d ← g + ⟨β1⟩·b (nesterov), else d ← b
            float d = nesterov ? g + b1 * bi : bi;
            // θ ← θ + ⟨−(1−β1)·Λ⟩·d
            p = p + negStep * d;
            bA[bAt + i] = bi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code sgdRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void sgdRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to,
            SwatsCoefficients c) {
        final float b1 = c.beta1(), negStep = c.negSgdStep(), wd = c.weightDecay();
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // b ← b·⟨β1⟩ + g
            float bi = b.getAtIndex(JAVA_FLOAT, i) * b1 + g;
            // d ← g + ⟨β1⟩·b (nesterov), else d ← b
            float d = nesterov ? g + b1 * bi : bi;
            // θ ← θ + ⟨−(1−β1)·Λ⟩·d
            p = p + negStep * d;
            b.setAtIndex(JAVA_FLOAT, i, bi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
