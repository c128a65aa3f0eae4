package dev.gradus.kernel;

/**
 * Per-step float scalars of Yogi, each rounded once from a double (spec §0.1, R15).
 *
 * @param beta1            ⟨β1⟩
 * @param oneMinusBeta1    ⟨1 − β1⟩
 * @param negOneMinusBeta2 ⟨−(1 − β2)⟩
 * @param bc2Sqrt          ⟨√(1 − β2^t)⟩
 * @param eps              ⟨eps⟩, added to the bias-corrected √v
 * @param negStepSize      ⟨−(lr/(1 − β1^t))⟩
 * @param weightDecay      ⟨λ⟩, used only when {@code l2}
 * @param l2               coupled weight decay with λ ≠ 0 (decided on the double)
 */
public record YogiCoefficients(float beta1, float oneMinusBeta1, float negOneMinusBeta2, float bc2Sqrt,
                               float eps, float negStepSize, float weightDecay, boolean l2) {
}
