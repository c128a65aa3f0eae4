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

    /** Also the tail of the vector twin. */
    public static void plainRange(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
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

    /** Also the tail of the vector twin. */
    public static void momentumFirstRange(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                                          long from, long to, SgdCoefficients c) {
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

    /** Also the tail of the vector twin. */
    public static void momentumRange(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                                     long from, long to, SgdCoefficients c) {
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
