package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formulas of AdaBound and AMSBound (spec R12). Equations use the {@link AdaBoundCoefficients} names. */
public interface AdaBoundKernels {

    /**
     * {@code g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g; d ← √v + eps;
     * η ← min(max(ss/d, lb), ub); θ ← θ − η·m}.
     */
    void adaBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                  long from, long to, AdaBoundCoefficients c);

    /** As {@link #adaBound}, with {@code vMax ← max(vMax, v)} and {@code d ← √vMax + eps}. */
    void amsBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                  MemorySegment vMax, long from, long to, AdaBoundCoefficients c);
}
