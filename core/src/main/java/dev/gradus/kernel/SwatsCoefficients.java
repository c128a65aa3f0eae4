package dev.gradus.kernel;

/**
 * Per-step float scalars of SWATS, each rounded once from a double (spec §0.1, R18).
 *
 * @param beta1         ⟨β1⟩
 * @param oneMinusBeta1 ⟨1 − β1⟩
 * @param beta2         ⟨β2⟩
 * @param oneMinusBeta2 ⟨1 − β2⟩
 * @param eps           ⟨eps⟩, added to the raw √v (Adam phase)
 * @param negStepSize   ⟨−ss⟩, {@code ss = (lr·(1 − β2^t)^0.5)/(1 − β1^t)} (Adam phase)
 * @param negSgdStep    the SGD phase's θ multiplier: ⟨−Λ⟩ (the repositories' form) or ⟨−(1−β1)·Λ⟩ (the
 *                      paper's); 0 before the switch
 * @param weightDecay   ⟨λ⟩, used only when {@code l2}
 * @param l2            coupled weight decay with λ ≠ 0 (decided on the double), in both phases
 * @param nesterov      Nesterov momentum in the SGD phase
 */
public record SwatsCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
                                float negStepSize, float negSgdStep, float weightDecay, boolean l2, boolean nesterov) {
}
