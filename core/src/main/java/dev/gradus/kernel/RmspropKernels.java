package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Element formulas of RMSprop (spec R5), one per combination of centered × momentum. Each starts
 * with {@code g ← ±g; g ← g + λ·θ (l2); v ← v·α + ((1−α)·g)·g}. Equations use the
 * {@link RmspropCoefficients} names.
 */
public interface RmspropKernels {

    /** Neither centered nor momentum: {@code a ← √v + eps; θ ← θ + (−lr·g)/a}. */
    void plain(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
               long from, long to, RmspropCoefficients c);

    /**
     * Centered, no momentum: {@code ḡ ← ḡ·α + (1−α)·g; a ← √(v + (−ḡ)·ḡ) + eps;
     * θ ← θ + (−lr·g)/a}.
     */
    void centered(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                  long from, long to, RmspropCoefficients c);

    /** Momentum, not centered: {@code a ← √v + eps; b ← b·μ + g/a; θ ← θ + (−lr)·b}. */
    void momentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment momentum,
                  long from, long to, RmspropCoefficients c);

    /**
     * Centered and momentum: {@code ḡ ← ḡ·α + (1−α)·g; a ← √(v + (−ḡ)·ḡ) + eps; b ← b·μ + g/a;
     * θ ← θ + (−lr)·b}.
     */
    void centeredMomentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                          MemorySegment momentum, long from, long to, RmspropCoefficients c);
}
