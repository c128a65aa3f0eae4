package dev.gradus.rules;

/** What RAdam does on the early steps, before it rectifies (spec R11, §D 3). */
public enum RAdamEarlySteps {
    /**
     * An un-rectified, bias-corrected SGD-momentum step {@code θ ← θ − lr·m/(1 − β1^t)}, rounded as the
     * {@link RAdamForm} says: torch's early step (the default), or the paper repository's
     * {@code degenerated_to_sgd=True} (its default from 2019-10 to 2021-07).
     */
    SGD,
    /**
     * No parameter change and no weight decay; m and v still update (with the L2 term when the decay is
     * {@link RAdamWeightDecay#COUPLED}, which is part of the gradient): the paper repository's
     * {@code degenerated_to_sgd=False}, its default at HEAD d9fd30a.
     */
    SKIP
}
