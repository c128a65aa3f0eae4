package dev.gradus.rules;

/** Where a rule applies weight decay λ (spec §0.7). */
public enum WeightDecay {
    /** L2, coupled: {@code g ← g + λ·θ} before the moments (torch Adam, SGD, …). */
    COUPLED,
    /** Decoupled, lr-scaled multiplicative: {@code θ ← θ·(1 − lr·λ)} (torch AdamW). */
    DECOUPLED
}
