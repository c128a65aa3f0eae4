package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of NAdam (spec R10). Equations use the {@link NAdamCoefficients} names. */
public interface NAdamKernels {

    /**
     * {@code θ ← θ·decay (decoupled) | g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g;
     * d ← √(v / bc2) + eps; θ ← θ + (gradCoef·g)/d; θ ← θ + (momentumCoef·m)/d}.
     */
    void nadam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
               long from, long to, NAdamCoefficients c);
}
