package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formulas of Adam and AdamW (spec R6–R8). Equations use the {@link AdamCoefficients} names. */
public interface AdamKernels {

    /**
     * {@code g ← ±g; θ ← θ·decay (decoupled) | g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g;
     * v ← v·β2 + ((1−β2)·g)·g; d ← √v / bc2s + eps; θ ← θ + (−step·m)/d}.
     */
    void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
              long from, long to, AdamCoefficients c);

    /** As {@link #adam}, with {@code vMax ← max(vMax, v)} and {@code d ← √vMax / bc2s + eps}. */
    void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                 MemorySegment vMax, long from, long to, AdamCoefficients c);
}
