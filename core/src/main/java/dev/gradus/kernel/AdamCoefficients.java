package dev.gradus.kernel;

/**
 * Per-step float scalars of Adam/AdamW, each rounded once from a double (spec §0.1, R6, R7).
 *
 * @param beta1          ⟨β1⟩
 * @param oneMinusBeta1  ⟨1 − β1⟩
 * @param beta2          ⟨β2⟩
 * @param oneMinusBeta2  ⟨1 − β2⟩
 * @param bc2Sqrt        ⟨√(1 − β2^t)⟩
 * @param eps            ⟨eps⟩
 * @param negStepSize    ⟨−lr/(1 − β1^t)⟩
 * @param weightDecay    ⟨λ⟩, used only when {@code l2}
 * @param decay          ⟨1 − lr·λ⟩, used only when {@code decoupled}
 * @param l2             coupled weight decay with λ ≠ 0
 * @param decoupled      decoupled weight decay (AdamW): θ is scaled by {@code decay} first
 * @param maximize       negate the gradient first
 */
public record AdamCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                               float bc2Sqrt, float eps, float negStepSize, float weightDecay, float decay,
                               boolean l2, boolean decoupled, boolean maximize) {
}
