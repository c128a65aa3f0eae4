package dev.gradus.rules;

/**
 * How NAdam forms the μ-product of the next step, π_next, for the momentum coefficient (spec R10a, §D 1).
 * Used only with {@link NAdamMuSchedule#MOMENTUM_DECAY}.
 */
public enum NAdamCompat {
    /**
     * {@code π_next = (double) π · μ_{t+1}} in double, with π the updated float32 μ-product: torch 2.x,
     * torch 1.13.1's foreach path and Dozat's paper. The default.
     */
    CORRECTED,
    /**
     * {@code π_next = ⟨⟨π·⟨μ_t⟩⟩·⟨μ_{t+1}⟩⟩} in float32, with π already updated, so μ_t is multiplied in twice:
     * torch 1.13.1's default single-tensor path, bug included. The 1.13.1 golden files need it.
     */
    TORCH_1_13
}
