package dev.gradus;

import dev.gradus.rules.Check;

/**
 * A hyperparameter (usually the learning rate) as a pure function of the step.
 *
 * <p>{@code valueAt(e)} is the value used by the optimizer step that follows {@code e} completed
 * steps, so step 1 uses {@code valueAt(0)}: torch's {@code last_epoch = e} in the loop
 * {@code opt.step(); sched.step()}. A schedule holds no state and may be called in any order.
 */
@FunctionalInterface
public interface Schedule {

    /** The value in effect after {@code completedSteps} steps ({@code >= 0}). */
    double valueAt(long completedSteps);

    /** The same value at every step. */
    static Schedule constant(double value) {
        return new Constant(value);
    }

    /**
     * A constant schedule.
     *
     * @param value any finite value
     */
    record Constant(double value) implements Schedule {
        public Constant {
            Check.finite("value", value);
        }

        @Override
        public double valueAt(long completedSteps) {
            return value;
        }
    }
}
