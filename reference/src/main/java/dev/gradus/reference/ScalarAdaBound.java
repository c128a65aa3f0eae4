package dev.gradus.reference;

import dev.gradus.kernel.AdaBoundCoefficients;
import dev.gradus.kernel.AdaBoundKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** AdaBound/AMSBound, plain loops (spec R12). The vector twin in gradus-simd repeats these statements. */
public final class ScalarAdaBound implements AdaBoundKernels {

    static final ScalarAdaBound INSTANCE = new ScalarAdaBound();

    private ScalarAdaBound() {
    }

    @Override
    public void adaBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         long from, long to, AdaBoundCoefficients c) {
        adaBoundRange(param, grad, m, v, from, to, c);
    }

    @Override
    public void amsBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        amsBoundRange(param, grad, m, v, vMax, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void adaBoundRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                     long from, long to, AdaBoundCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            adaBoundRangeArrays(param, grad, m, v, from, to, c);
        } else {
            adaBoundRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code adaBoundRange} over heap arrays ({@link HeapFloats}). */
    private static void adaBoundRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, AdaBoundCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), ss = c.stepSize(), lb = c.lowerBound(), ub = c.upperBound(), wd = c.weightDecay();
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            float eta = Math.min(Math.max(ss / d, lb), ub);
            // θ ← θ − η·m
            p = p - eta * mi;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code adaBoundRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void adaBoundRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            long from, long to, AdaBoundCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), ss = c.stepSize(), lb = c.lowerBound(), ub = c.upperBound(), wd = c.weightDecay();
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            float eta = Math.min(Math.max(ss / d, lb), ub);
            // θ ← θ − η·m
            p = p - eta * mi;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void amsBoundRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                     MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v, vMax)) {
            amsBoundRangeArrays(param, grad, m, v, vMax, from, to, c);
        } else {
            amsBoundRangeSegments(param, grad, m, v, vMax, from, to, c);
        }
    }

    /** {@code amsBoundRange} over heap arrays ({@link HeapFloats}). */
    private static void amsBoundRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v), vMaxA = HeapFloats.array(vMax);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), vMaxAt = HeapFloats.base(vMax), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), ss = c.stepSize(), lb = c.lowerBound(), ub = c.upperBound(), wd = c.weightDecay();
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            float eta = Math.min(Math.max(ss / d, lb), ub);
            // θ ← θ − η·m
            p = p - eta * mi;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            vMaxA[vMaxAt + i] = vm;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code amsBoundRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void amsBoundRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
            MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float eps = c.eps(), ss = c.stepSize(), lb = c.lowerBound(), ub = c.upperBound(), wd = c.weightDecay();
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            float eta = Math.min(Math.max(ss / d, lb), ub);
            // θ ← θ − η·m
            p = p - eta * mi;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            vMax.setAtIndex(JAVA_FLOAT, i, vm);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
