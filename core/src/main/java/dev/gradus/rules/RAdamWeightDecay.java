package dev.gradus.rules;

/** Where RAdam applies weight decay λ (spec §0.7, R11, §D 4). Nothing is applied when λ = 0. */
public enum RAdamWeightDecay {
    /** L2, coupled: {@code g ← g + ⟨λ⟩·θ} before the moments (torch 1.13; the default). */
    COUPLED,
    /**
     * Decoupled, lr-scaled multiplicative: {@code θ ← θ·⟨1 − lr·λ⟩} (torch 2.x {@code decoupled_weight_decay=True});
     * not applied on {@link RAdamEarlySteps#SKIP} steps.
     */
    DECOUPLED,
    /**
     * Decoupled, lr-scaled additive: {@code θ ← θ + ⟨(−λ)·lr⟩·θ}, only on steps that change θ (the paper
     * repository).
     */
    DECOUPLED_ADDITIVE
}
