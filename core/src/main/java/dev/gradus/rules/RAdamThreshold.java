package dev.gradus.rules;

/** When RAdam rectifies: the length ρ_t of the approximated SMA against 5 (spec R11, §D 2). */
public enum RAdamThreshold {
    /** {@code ρ_t > 5} (torch; the default). With β2 = 0.999 the first rectified step is t = 6. */
    ABOVE_FIVE,
    /** {@code ρ_t ≥ 5} (the paper repository). */
    AT_LEAST_FIVE
}
