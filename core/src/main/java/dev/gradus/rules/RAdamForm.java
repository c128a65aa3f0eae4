package dev.gradus.rules;

/**
 * How RAdam folds its per-step scalars into the parameter update (spec R11, "scalar folding"): the
 * same mathematics, rounded differently.
 */
public enum RAdamForm {
    /**
     * torch: {@code m̂ ← m / ⟨bc1⟩}; rectified {@code θ ← θ − ((m̂·⟨lr⟩)·((1/(√v + ⟨eps⟩))·⟨√bc2⟩))·⟨r_t⟩};
     * early {@code θ ← θ − m̂·⟨lr⟩} (spec R11a). The default.
     */
    TORCH,
    /**
     * The paper repository (LiyuanLucasLiu/RAdam {@code radam/radam.py}): rectified
     * {@code θ ← θ + (⟨−s·lr⟩·m) / (√v + ⟨eps⟩)} with {@code s = r_t·√bc2 / bc1}; early
     * {@code θ ← θ + ⟨−s·lr⟩·m} with {@code s = 1/bc1} (spec R11b).
     */
    PAPER_REPO
}
