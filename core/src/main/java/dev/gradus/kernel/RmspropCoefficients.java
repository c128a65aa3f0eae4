package dev.gradus.kernel;

/**
 * Per-step float scalars of RMSprop, each rounded once from a double (spec §0.1, R5).
 *
 * @param alpha           ⟨α⟩
 * @param oneMinusAlpha   ⟨1 − α⟩
 * @param eps             ⟨eps⟩
 * @param momentum        ⟨μ⟩, used only by the momentum formulas
 * @param negLr           ⟨−lr⟩
 * @param weightDecay     ⟨λ⟩, used only when {@code l2}
 * @param l2              coupled weight decay with λ ≠ 0 (decided on the double)
 * @param maximize        negate the gradient first
 */
public record RmspropCoefficients(float alpha, float oneMinusAlpha, float eps, float momentum, float negLr,
                                  float weightDecay, boolean l2, boolean maximize) {
}
