package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of Adamax (spec R9). Equations use the {@link AdamaxCoefficients} names. */
public interface AdamaxKernels {

    /**
     * {@code g ← ±g; g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; u ← max(u·β2, |g| + eps);
     * θ ← θ + (−clr·m)/u}.
     */
    void adamax(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
                long from, long to, AdamaxCoefficients c);
}
