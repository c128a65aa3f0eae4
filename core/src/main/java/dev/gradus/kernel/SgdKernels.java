package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formulas of SGD (spec R1–R3). Equations use the {@link SgdCoefficients} names. */
public interface SgdKernels {

    /** No momentum: {@code g ← ±g; g ← g + λ·θ (if l2); θ ← θ + (−lr)·g}. */
    void plain(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c);

    /**
     * First momentum step of a tensor: the buffer becomes an exact copy of the (decayed)
     * gradient, with no dampening, as torch does. {@code b ← g; d ← nesterov ? g + μ·b : b;
     * θ ← θ + (−lr)·d}.
     */
    void momentumFirst(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                       long from, long to, SgdCoefficients c);

    /** Later momentum steps: {@code b ← b·μ + (1−τ)·g; d ← nesterov ? g + μ·b : b; θ ← θ + (−lr)·d}. */
    void momentum(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                  long from, long to, SgdCoefficients c);
}
