package dev.gradus.reference;

import dev.gradus.kernel.LookaheadCoefficients;
import dev.gradus.kernel.LookaheadKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** Lookahead sync, plain loops (spec R16, R17). The vector twin repeats these statements. */
public final class ScalarLookahead implements LookaheadKernels {

    static final ScalarLookahead INSTANCE = new ScalarLookahead();

    private ScalarLookahead() {
    }

    @Override
    public void fastWeighted(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        fastWeightedRange(param, slow, from, to, c);
    }

    @Override
    public void slowPlus(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        slowPlusRange(param, slow, from, to, c);
    }

    /** Also the tail of the vector twin. */
    public static void fastWeightedRange(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        final float a = c.alpha(), oma = c.oneMinusAlpha();
        for (long i = from; i < to; i++) {
            // θ ← θ·⟨α⟩ + ⟨1−α⟩·φ
            float p = param.getAtIndex(JAVA_FLOAT, i) * a + oma * slow.getAtIndex(JAVA_FLOAT, i);
            // φ ← θ
            param.setAtIndex(JAVA_FLOAT, i, p);
            slow.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Also the tail of the vector twin. */
    public static void slowPlusRange(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        final float a = c.alpha();
        for (long i = from; i < to; i++) {
            float s = slow.getAtIndex(JAVA_FLOAT, i);
            // φ ← φ + ⟨α⟩·(θ − φ)
            s = s + a * (param.getAtIndex(JAVA_FLOAT, i) - s);
            // θ ← φ
            slow.setAtIndex(JAVA_FLOAT, i, s);
            param.setAtIndex(JAVA_FLOAT, i, s);
        }
    }
}
