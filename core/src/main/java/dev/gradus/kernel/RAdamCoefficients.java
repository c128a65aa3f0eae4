package dev.gradus.kernel;

/**
 * Per-step float scalars of RAdam, each rounded once from a double (spec §0.1, R11). A scalar the
 * planned kernel does not read is NaN.
 *
 * @param beta1             ⟨β1⟩
 * @param oneMinusBeta1     ⟨1 − β1⟩
 * @param beta2             ⟨β2⟩
 * @param oneMinusBeta2     ⟨1 − β2⟩
 * @param bc1               ⟨1 − β1^t⟩ (torch form)
 * @param lr                ⟨lr⟩ (torch form)
 * @param eps               ⟨eps⟩
 * @param bc2Sqrt           ⟨√(1 − β2^t)⟩ (torch form, rectified)
 * @param rect              ⟨r_t⟩, the variance rectification term (torch form, rectified)
 * @param negStepLr         ⟨(−s)·lr⟩ (paper-repo form)
 * @param weightDecay       ⟨λ⟩, used only when {@code l2}
 * @param decay             ⟨1 − lr·λ⟩, used only when {@code decoupled}
 * @param negWeightDecayLr  ⟨(−λ)·lr⟩, used only when {@code decoupledAdditive}
 * @param l2                coupled weight decay with λ ≠ 0
 * @param decoupled         decoupled multiplicative weight decay with λ ≠ 0: {@code θ ← θ·decay} first
 * @param decoupledAdditive decoupled additive weight decay with λ ≠ 0: {@code θ ← θ + negWeightDecayLr·θ} first
 */
public record RAdamCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc1,
                                float lr, float eps, float bc2Sqrt, float rect, float negStepLr,
                                float weightDecay, float decay, float negWeightDecayLr,
                                boolean l2, boolean decoupled, boolean decoupledAdditive) {
}
