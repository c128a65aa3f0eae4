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

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void fastWeightedRange(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        if (from < to && HeapFloats.of(param, slow)) {
            fastWeightedRangeArrays(param, slow, from, to, c);
        } else {
            fastWeightedRangeSegments(param, slow, from, to, c);
        }
    }

    /** {@code fastWeightedRange} over heap arrays ({@link HeapFloats}). */
    private static void fastWeightedRangeArrays(MemorySegment param, MemorySegment slow, long from, long to,
            LookaheadCoefficients c) {
        final float[] paramA = HeapFloats.array(param), slowA = HeapFloats.array(slow);
        final int paramAt = HeapFloats.base(param), slowAt = HeapFloats.base(slow), start = (int) from, end = (int) to;
        final float a = c.alpha(), oma = c.oneMinusAlpha();
        for (int i = start; i < end; i++) {
            // θ ← θ·⟨α⟩ + ⟨1−α⟩·φ
            float p = paramA[paramAt + i] * a + oma * slowA[slowAt + i];
            // φ ← θ
            paramA[paramAt + i] = p;
            slowA[slowAt + i] = p;
        }
    }

    /** {@code fastWeightedRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void fastWeightedRangeSegments(MemorySegment param, MemorySegment slow, long from, long to,
            LookaheadCoefficients c) {
        final float a = c.alpha(), oma = c.oneMinusAlpha();
        for (long i = from; i < to; i++) {
            // θ ← θ·⟨α⟩ + ⟨1−α⟩·φ
            float p = param.getAtIndex(JAVA_FLOAT, i) * a + oma * slow.getAtIndex(JAVA_FLOAT, i);
            // φ ← θ
            param.setAtIndex(JAVA_FLOAT, i, p);
            slow.setAtIndex(JAVA_FLOAT, i, p);
        }
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void slowPlusRange(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        if (from < to && HeapFloats.of(param, slow)) {
            slowPlusRangeArrays(param, slow, from, to, c);
        } else {
            slowPlusRangeSegments(param, slow, from, to, c);
        }
    }

    /** {@code slowPlusRange} over heap arrays ({@link HeapFloats}). */
    private static void slowPlusRangeArrays(MemorySegment param, MemorySegment slow, long from, long to,
            LookaheadCoefficients c) {
        final float[] paramA = HeapFloats.array(param), slowA = HeapFloats.array(slow);
        final int paramAt = HeapFloats.base(param), slowAt = HeapFloats.base(slow), start = (int) from, end = (int) to;
        final float a = c.alpha();
        for (int i = start; i < end; i++) {
            float s = slowA[slowAt + i];
            // φ ← φ + ⟨α⟩·(θ − φ)
            s = s + a * (paramA[paramAt + i] - s);
            // θ ← φ
            slowA[slowAt + i] = s;
            paramA[paramAt + i] = s;
        }
    }

    /** {@code slowPlusRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void slowPlusRangeSegments(MemorySegment param, MemorySegment slow, long from, long to,
            LookaheadCoefficients c) {
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
