package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of Adagrad (spec R4). Equations use the {@link AdagradCoefficients} names. */
public interface AdagradKernels {

    /** {@code g ← ±g; g ← g + λ·θ (l2); s ← s + g·g; σ ← √s + eps; θ ← θ + (−clr·g)/σ}. */
    void adagrad(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to, AdagradCoefficients c);
}
