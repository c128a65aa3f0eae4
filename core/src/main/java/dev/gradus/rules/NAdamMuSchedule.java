package dev.gradus.rules;

/** NAdam's momentum schedule μ_t (spec R10). */
public enum NAdamMuSchedule {
    /**
     * torch's momentum-decay schedule {@code μ_t = β1·(1 − 0.5·0.96^(t·ψ))} (Dozat 2016's t/250 for
     * ψ = 4e-3), with the running μ-product π kept as float32 scalar state (spec R10a). The default.
     */
    MOMENTUM_DECAY,
    /**
     * Dozat's simple form with constant {@code μ_t ≡ β1}: the μ-products become the powers β1^t and
     * there is no scalar state (spec R10b). torch cannot express it.
     */
    CONSTANT
}
