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

    /** Also the tail of the vector twin. */
    public static void adaModRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
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
