package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** The Lookahead synchronisation of fast weights θ and slow weights φ (spec R16, R17). */
public interface LookaheadKernels {

    /** michaelrzhang's form: {@code θ ← θ·α + (1−α)·φ; φ ← θ}. */
    void fastWeighted(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c);

    /** Ranger's form: {@code φ ← φ + α·(θ − φ); θ ← φ}. */
    void slowPlus(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c);
}
