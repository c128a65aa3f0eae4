package dev.gradus.schedule;

import dev.gradus.Schedule;

/**
 * A schedule that torch evaluates <em>recursively</em>: its {@code get_lr()} computes the value at
 * epoch e from the current value (the one at e − 1), spec §S. torch also gives a closed form,
 * {@code _get_closed_form_lr()}, which differs in the last bits and which torch itself only uses
 * when a {@link Sequential} restarts the schedule at a milestone.
 *
 * <p>{@link #valueAt(long)} evaluates {@link #form()}: with {@link Form#RECURSIVE} it is
 * {@code v(0) = initialValue()}, {@code v(e) = next(v(e − 1), e)}, computed in O(1) amortized
 * time for sequential access (see the package documentation); with {@link Form#CLOSED} it is
 * {@code closedFormAt(e)}.
 */
public sealed interface Chainable extends Schedule
        permits ConstantWarmup, LinearWarmup, StepDecay, MultiStepDecay, ExponentialDecay, CosineAnnealing {

    /** Which formula {@link #valueAt(long)} evaluates. */
    Form form();

    @Override
    default double valueAt(long completedSteps) {
        long e = Limits.epoch(completedSteps);
        return form() == Form.CLOSED ? closedFormAt(e) : Recursion.valueAt(this, this, initialValue(), e);
    }

    /** torch's {@code get_lr()} at e = 0 on a group whose value is {@code base}: the recursion's start. */
    double initialValue();

    /** torch's {@code get_lr()} at {@code epoch >= 1}, given the value {@code current} at {@code epoch − 1}. */
    double next(double current, long epoch);

    /** torch's {@code _get_closed_form_lr()} at {@code epoch >= 0}. */
    double closedFormAt(long epoch);

    /**
     * The value torch gives when a {@link Sequential} restarts this schedule at a milestone
     * ({@code step(0)} in 1.13): its closed form at epoch 0 (spec §S9). The recursion then
     * continues from this value.
     */
    default double restartValue() {
        return closedFormAt(0);
    }
}
