package dev.gradus.schedule;

import dev.gradus.rules.Check;

/**
 * A linear ramp of the factor from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} epochs, torch 1.13.1 {@code LinearLR} (spec §S2); usually a warm-up.
 * <pre>
 *   recursive (default):  v(0) = base·sf
 *                         v(e) = v(e−1)·(1 + (ef − sf)/(T·sf + (e − 1)·(ef − sf)))    1 ≤ e ≤ T
 *                         v(e) = v(e−1)                                               e > T
 *   closed:               v(e) = base·(sf + ((ef − sf)·min(T, e))/T)
 * </pre>
 * Constant after T (no end). As {@link Sequential} restarts the next schedule at its milestone,
 * a warm-up whose last step should use exactly the full value needs {@code T = milestone − 1}
 * (spec §S9).
 *
 * <p>Validation: {@code sf ∈ (0, 1]} as latest torch (1.13 accepts 0 and then divides by zero at
 * e = 1; spec §D row 20), {@code ef ∈ [0, 1]} as torch, and {@code T >= 1}, which torch does not
 * check (T = 0 keeps the recursion at {@code base·sf} for ever and makes the closed form 0/0).
 *
 * @param base        the value the factors multiply (torch's {@code initial_lr}); finite
 * @param startFactor sf, default 1/3; in {@code (0, 1]}
 * @param endFactor   ef, default {@value #DEFAULT_END_FACTOR}; in {@code [0, 1]}
 * @param totalIters  T, default {@value #DEFAULT_TOTAL_ITERS}; {@code >= 1}
 * @param form        {@link Form#RECURSIVE} (torch's values, default) or {@link Form#CLOSED}
 */
public record LinearWarmup(double base, double startFactor, double endFactor, long totalIters, Form form)
        implements Chainable {

    /** torch.optim.lr_scheduler.LinearLR default ({@code 1.0 / 3}). */
    public static final double DEFAULT_START_FACTOR = 1.0 / 3;
    /** torch.optim.lr_scheduler.LinearLR default. */
    public static final double DEFAULT_END_FACTOR = 1.0;
    /** torch.optim.lr_scheduler.LinearLR default. */
    public static final long DEFAULT_TOTAL_ITERS = 5;

    public LinearWarmup {
        Check.finite("base", base);
        Limits.unitLeftOpen("startFactor", startFactor);
        Check.unitClosed("endFactor", endFactor);
        Check.atLeast("totalIters", totalIters, 1);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public LinearWarmup(double base, double startFactor, double endFactor, long totalIters) {
        this(base, startFactor, endFactor, totalIters, Form.RECURSIVE);
    }

    /** The recursive form with torch's defaults. */
    public LinearWarmup(double base) {
        this(base, DEFAULT_START_FACTOR, DEFAULT_END_FACTOR, DEFAULT_TOTAL_ITERS);
    }

    public LinearWarmup withForm(Form form) {
        return new LinearWarmup(base, startFactor, endFactor, totalIters, form);
    }

    @Override
    public double initialValue() {
        return base * startFactor;
    }

    @Override
    public double next(double current, long epoch) {
        if (epoch > totalIters) {
            return current;
        }
        return current * (1.0 + (endFactor - startFactor)
                / ((double) totalIters * startFactor + (double) (epoch - 1) * (endFactor - startFactor)));
    }

    @Override
    public double closedFormAt(long epoch) {
        return base * (startFactor + (endFactor - startFactor) * (double) Math.min(totalIters, epoch) / totalIters);
    }
}
