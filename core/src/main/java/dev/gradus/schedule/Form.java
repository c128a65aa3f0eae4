package dev.gradus.schedule;

/** Which of torch's two formulas a {@link Chainable} schedule evaluates. */
public enum Form {
    /**
     * torch's chainable {@code get_lr()}, applied step by step to the current value: the values
     * torch's optimizers actually use (spec §S: "implement the recursive forms"). The default.
     */
    RECURSIVE,
    /** torch's {@code _get_closed_form_lr()}: a direct formula in e; differs in the last bits. */
    CLOSED
}
