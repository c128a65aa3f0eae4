package dev.gradus.kernel;

/**
 * Per-step float scalars of AdaMod, each rounded once from a double (spec §0.1, R13).
 *
 * @param beta1         ⟨β1⟩
 * @param oneMinusBeta1 ⟨1 − β1⟩
 * @param beta2         ⟨β2⟩
 * @param oneMinusBeta2 ⟨1 − β2⟩
 * @param beta3         ⟨β3⟩
 * @param oneMinusBeta3 ⟨1 − β3⟩
 * @param eps           ⟨eps⟩, added to the raw √v
 * @param stepSize      ⟨ss⟩ = ⟨(lr·√(1 − β2^t))/(1 − β1^t)⟩
 * @param negDecay      ⟨(−λ)·lr⟩, used only when {@code decay}
 * @param decay         decoupled weight decay with λ ≠ 0: {@code θ ← θ + negDecay·θ} first
 */
public record AdaModCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float beta3,
                                 float oneMinusBeta3, float eps, float stepSize, float negDecay, boolean decay) {
}
