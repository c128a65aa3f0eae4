package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of Yogi (spec R15). Equations use the {@link YogiCoefficients} names. */
public interface YogiKernels {

    /**
     * {@code g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; q ← g·g; σ ← sign(v − q) (NaN → +0, ±0 → +0);
     * v ← v + ((−(1−β2)·σ)·q); d ← √v / bc2s + eps; θ ← θ + (−step·m)/d}. The decayed g is a local
     * value: the gradient buffer is only read.
     */
    void yogi(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
              long from, long to, YogiCoefficients c);
}
