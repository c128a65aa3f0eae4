package dev.gradus;

/**
 * How {@link Optimizer#load(java.nio.file.Path, LoadOptions)} treats a checkpoint whose
 * configuration differs from the optimizer's.
 *
 * <p>{@link #strict()} (the default) refuses any difference. {@link #overrideHyperparameters()}
 * accepts different hyperparameters (rule components such as β1 or weight decay, learning-rate and
 * hyperparameter schedules, gradient clipping, the non-finite policy): the optimizer keeps its own
 * and takes only the state (step counter, parameters, slots, scalar state) from the checkpoint,
 * e.g. to fine-tune with a new learning rate. A different rule (another record class anywhere in
 * the rule, such as Adam for SGD or a Lookahead around another rule) or a rule whose state has
 * other names (AMSGrad on or off) is refused either way: its state cannot be carried over.
 */
public final class LoadOptions {

    private static final LoadOptions STRICT = new LoadOptions(false);
    private static final LoadOptions OVERRIDE = new LoadOptions(true);

    private final boolean override;

    private LoadOptions(boolean override) {
        this.override = override;
    }

    /** Refuse any difference in rule, hyperparameters, schedules, clipping or non-finite policy (the default). */
    public static LoadOptions strict() {
        return STRICT;
    }

    /** Accept different hyperparameters and keep the optimizer's own; the state still has to match. */
    public static LoadOptions overrideHyperparameters() {
        return OVERRIDE;
    }

    /** Whether different hyperparameters are accepted. */
    public boolean overridesHyperparameters() {
        return override;
    }

    @Override
    public String toString() {
        return override ? "LoadOptions.overrideHyperparameters()" : "LoadOptions.strict()";
    }
}
