package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of DiffGrad (spec R14). Equations use the {@link DiffGradCoefficients} names. */
public interface DiffGradKernels {

    /**
     * {@code g ← g + λ·θ (l2); m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g; d ← √v + eps;
     * Δ ← |prev − g|; ξ ← 1 / (1 + exp(−Δ)); prev ← g; θ ← θ + (−ss·(m·ξ))/d}. The decayed g is
     * a local value: the gradient buffer is only read. {@code exp} is the one operation whose
     * result may differ between implementations (by at most 1 ulp; spec §0.6).
     */
    void diffGrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment prev,
                  long from, long to, DiffGradCoefficients c);
}
