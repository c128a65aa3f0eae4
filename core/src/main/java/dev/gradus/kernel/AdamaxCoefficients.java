package dev.gradus.kernel;

/**
 * Per-step float scalars of Adamax, each rounded once from a double (spec §0.1, R9).
 *
 * @param beta1         ⟨β1⟩
 * @param oneMinusBeta1 ⟨1 − β1⟩
 * @param beta2         ⟨β2⟩
 * @param eps           ⟨eps⟩
 * @param negClr        ⟨−clr⟩, {@code clr = lr / (1 − β1^t)}
 * @param weightDecay   ⟨λ⟩, used only when {@code l2}
 * @param l2            coupled weight decay with λ ≠ 0 (decided on the double)
 * @param maximize      negate the gradient first
 */
public record AdamaxCoefficients(float beta1, float oneMinusBeta1, float beta2, float eps, float negClr,
                                 float weightDecay, boolean l2, boolean maximize) {
}
