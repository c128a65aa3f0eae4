package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Element formulas of RAdam (spec R11). The rule decides per step, in its plan, which one runs; the
 * kernels never branch per element on it. Each starts with the weight decay and the moments:
 * {@code θ ← θ·decay (decoupled) | θ ← θ + negWeightDecayLr·θ (decoupledAdditive) | g ← g + λ·θ (l2);
 * m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g}. Equations use the {@link RAdamCoefficients} names.
 */
public interface RAdamKernels {

    /** torch, rectified: {@code m̂ ← m / bc1; a ← (1/(√v + eps))·bc2Sqrt; θ ← θ − ((m̂·lr)·a)·rect}. */
    void rectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                   long from, long to, RAdamCoefficients c);

    /** torch, un-rectified: {@code m̂ ← m / bc1; θ ← θ − m̂·lr}. */
    void unrectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, RAdamCoefficients c);

    /** Paper repo, rectified: {@code θ ← θ + (negStepLr·m) / (√v + eps)}. */
    void repoRectified(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                       long from, long to, RAdamCoefficients c);

    /** Paper repo, degenerated to SGD: {@code θ ← θ + negStepLr·m}. */
    void repoSgd(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                 long from, long to, RAdamCoefficients c);

    /**
     * A skipped step: only {@code g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g};
     * θ is not written and no decoupled decay is applied.
     */
    void momentsOnly(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, RAdamCoefficients c);
}
