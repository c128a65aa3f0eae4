package dev.gradus.kernel;

/**
 * Per-step float scalars of SGD, each rounded once from a double (spec §0.1).
 *
 * @param negLr             ⟨−lr⟩
 * @param weightDecay       ⟨λ⟩, used only when {@code l2}
 * @param momentum          ⟨μ⟩
 * @param oneMinusDampening ⟨1 − τ⟩
 * @param l2                λ ≠ 0 (decided on the double, as torch does)
 * @param nesterov          Nesterov momentum
 * @param maximize          negate the gradient first
 */
public record SgdCoefficients(float negLr, float weightDecay, float momentum, float oneMinusDampening,
                              boolean l2, boolean nesterov, boolean maximize) {
}
