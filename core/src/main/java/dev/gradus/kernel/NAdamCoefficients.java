package dev.gradus.kernel;

/**
 * Per-step float scalars of NAdam, each rounded once from a double (spec §0.1, R10).
 *
 * @param beta1          ⟨β1⟩
 * @param oneMinusBeta1  ⟨1 − β1⟩
 * @param beta2          ⟨β2⟩
 * @param oneMinusBeta2  ⟨1 − β2⟩
 * @param bc2            ⟨1 − β2^t⟩
 * @param eps            ⟨eps⟩
 * @param gradCoef       ⟨c_g⟩ = ⟨((−lr)·(1 − μ_t)) / (1 − π_t)⟩
 * @param momentumCoef   ⟨c_m⟩ = ⟨((−lr)·μ_{t+1}) / (1 − π_{t+1})⟩
 * @param weightDecay    ⟨λ⟩, used only when {@code l2}
 * @param decay          ⟨1 − lr·λ⟩, used only when {@code decoupled}
 * @param l2             coupled weight decay with λ ≠ 0
 * @param decoupled      decoupled weight decay with λ ≠ 0: θ is scaled by {@code decay} first
 */
public record NAdamCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2,
                                float eps, float gradCoef, float momentumCoef, float weightDecay, float decay,
                                boolean l2, boolean decoupled) {
}
