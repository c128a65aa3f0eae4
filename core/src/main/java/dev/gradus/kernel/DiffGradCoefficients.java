package dev.gradus.kernel;

/**
 * Per-step float scalars of DiffGrad, each rounded once from a double (spec §0.1, R14).
 *
 * @param beta1         ⟨β1⟩
 * @param oneMinusBeta1 ⟨1 − β1⟩
 * @param beta2         ⟨β2⟩
 * @param oneMinusBeta2 ⟨1 − β2⟩
 * @param eps           ⟨eps⟩, added to the raw √v
 * @param negStepSize   ⟨−ss⟩ with {@code ss = (lr·√(1 − β2^t))/(1 − β1^t)}
 * @param weightDecay   ⟨λ⟩, used only when {@code l2}
 * @param l2            coupled weight decay with λ ≠ 0 (decided on the double)
 */
public record DiffGradCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                                   float eps, float negStepSize, float weightDecay, boolean l2) {
}
