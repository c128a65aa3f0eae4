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

    /** Also the tail of the vector twin. */
    public static void adaBoundRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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

    /** Also the tail of the vector twin. */
    public static void amsBoundRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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
