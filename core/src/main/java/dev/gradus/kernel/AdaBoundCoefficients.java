package dev.gradus.kernel;

/**
 * Per-step float scalars of AdaBound/AMSBound, each rounded once from a double (spec §0.1, R12).
 *
 * @param beta1         ⟨β1⟩
 * @param oneMinusBeta1 ⟨1 − β1⟩
 * @param beta2         ⟨β2⟩
 * @param oneMinusBeta2 ⟨1 − β2⟩
 * @param eps           ⟨eps⟩, added to the raw √v (or √vMax)
 * @param stepSize      ⟨ss⟩ = ⟨(lr·√(1 − β2^t))/(1 − β1^t)⟩
 * @param lowerBound    ⟨lb⟩ = ⟨fl·(1 − 1/(γ·t + 1))⟩
 * @param upperBound    ⟨ub⟩ = ⟨fl·(1 + 1/(γ·t))⟩
 * @param weightDecay   ⟨λ⟩, used only when {@code l2}
 * @param l2            coupled weight decay with λ ≠ 0
 */
public record AdaBoundCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
                                   float stepSize, float lowerBound, float upperBound, float weightDecay,
                                   boolean l2) {
}
