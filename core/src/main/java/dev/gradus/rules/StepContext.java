package dev.gradus.rules;

/**
 * What a rule needs to plan one step.
 *
 * @param step                the 1-based number of the step being taken
 * @param learningRate        the learning rate of this step, already checked finite and {@code >= 0}
 * @param initialLearningRate the learning rate of step 1 (AdaBound scales its bounds by it)
 * @param scalars             the rule's scalar state ({@link Rule#scalarNames()}) after the previous
 *                            step: a private copy that {@link Rule#plan} updates in place; the
 *                            optimizer keeps it only once the step has been applied
 */
public record StepContext(long step, double learningRate, double initialLearningRate, double[] scalars) {
    public StepContext {
        Check.atLeast("step", step, 1);
        Check.nonNegative("learningRate", learningRate);
        Check.nonNegative("initialLearningRate", initialLearningRate);
        Check.notNull("scalars", scalars);
    }

    /** A context for a rule without scalar state. */
    public StepContext(long step, double learningRate, double initialLearningRate) {
        this(step, learningRate, initialLearningRate, new double[0]);
    }
}
