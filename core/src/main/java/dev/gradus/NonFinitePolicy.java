package dev.gradus;

/** What {@link Optimizer#step()} does when a gradient holds a NaN or an infinity. */
public enum NonFinitePolicy {
    /** Use the gradient as it is, as torch does: the NaN spreads into the parameters (default). */
    PROPAGATE,
    /** Skip the whole step: nothing is written and the step counter does not advance (like AMP's GradScaler). */
    SKIP_STEP,
    /** Throw {@link IllegalStateException}; nothing is written. */
    THROW
}
