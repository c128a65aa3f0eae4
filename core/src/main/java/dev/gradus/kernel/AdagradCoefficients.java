package dev.gradus.kernel;

/**
 * Per-step float scalars of Adagrad, each rounded once from a double (spec §0.1, R4).
 *
 * @param negClr      ⟨−clr⟩, {@code clr = lr / (1 + (t − 1)·lr_decay)}
 * @param eps         ⟨eps⟩
 * @param weightDecay ⟨λ⟩, used only when {@code l2}
 * @param l2          coupled weight decay with λ ≠ 0 (decided on the double)
 * @param maximize    negate the gradient first
 */
public record AdagradCoefficients(float negClr, float eps, float weightDecay, boolean l2, boolean maximize) {
}
