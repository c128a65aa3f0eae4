package dev.gradus.schedule;

import dev.gradus.rules.Check;

/**
 * A constant factor for the first epochs, torch 1.13.1 {@code ConstantLR} (spec §S1): a step
 * warm-up.
 * <pre>
 *   recursive (default):  v(0) = base·factor;  v(totalIters) = v(totalIters−1)·(1/factor);  else v(e) = v(e−1)
 *   closed:               v(e) = base·(factor + (e ≥ totalIters ? 1 − factor : 0))
 * </pre>
 * Constant after {@code totalIters} (no end).
 *
 * <p>Validation is stricter than torch's {@code factor ∈ [0, 1]}: factor 0 makes torch's recursion
 * divide by zero at {@code totalIters}, and {@code totalIters = 0} makes its recursion stay at
 * {@code base·factor} for ever while its closed form gives base, so both are rejected.
 *
 * @param base       the value after the warm-up (torch's {@code initial_lr}); finite
 * @param factor     the multiplier during the warm-up, default 1/3; in {@code (0, 1]}
 * @param totalIters epochs with the factor, default {@value #DEFAULT_TOTAL_ITERS}; {@code >= 1}
 * @param form       {@link Form#RECURSIVE} (torch's values, default) or {@link Form#CLOSED}
 */
public record ConstantWarmup(double base, double factor, long totalIters, Form form) implements Chainable {

    /** torch.optim.lr_scheduler.ConstantLR default ({@code 1.0 / 3}). */
    public static final double DEFAULT_FACTOR = 1.0 / 3;
    /** torch.optim.lr_scheduler.ConstantLR default. */
    public static final long DEFAULT_TOTAL_ITERS = 5;

    public ConstantWarmup {
        Check.finite("base", base);
        Limits.unitLeftOpen("factor", factor);
        Check.atLeast("totalIters", totalIters, 1);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public ConstantWarmup(double base, double factor, long totalIters) {
        this(base, factor, totalIters, Form.RECURSIVE);
    }

    /** The recursive form with torch's defaults. */
    public ConstantWarmup(double base) {
        this(base, DEFAULT_FACTOR, DEFAULT_TOTAL_ITERS);
    }

    public ConstantWarmup withForm(Form form) {
        return new ConstantWarmup(base, factor, totalIters, form);
    }

    @Override
    public double initialValue() {
        return base * factor;
    }

    @Override
    public double next(double current, long epoch) {
        return epoch != totalIters ? current : current * (1.0 / factor);
    }

    @Override
    public double closedFormAt(long epoch) {
        return base * (factor + (epoch >= totalIters ? 1 - factor : 0.0));
    }
}
