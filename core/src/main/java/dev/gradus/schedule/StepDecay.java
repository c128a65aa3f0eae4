package dev.gradus.schedule;

import dev.gradus.rules.Check;

/**
 * Step decay, torch 1.13.1 {@code StepLR} (spec §S4): the value is multiplied by γ every
 * {@code stepSize} epochs.
 * <pre>
 *   recursive (default):  v(0) = base;  v(e) = v(e−1)·γ  if e mod stepSize == 0, else v(e−1)
 *   closed:               v(e) = base·γ^⌊e/stepSize⌋
 * </pre>
 * Defined for every e ≥ 0 (no end).
 *
 * @param base     the value at e = 0 (torch's {@code initial_lr}); finite
 * @param stepSize epochs between decays; {@code >= 1} (torch divides by zero at 0)
 * @param gamma    γ, default {@value #DEFAULT_GAMMA}; finite and {@code >= 0}
 * @param form     {@link Form#RECURSIVE} (torch's values, default) or {@link Form#CLOSED}
 */
public record StepDecay(double base, long stepSize, double gamma, Form form) implements Chainable {

    /** torch.optim.lr_scheduler.StepLR default. */
    public static final double DEFAULT_GAMMA = 0.1;

    public StepDecay {
        Check.finite("base", base);
        Check.atLeast("stepSize", stepSize, 1);
        Check.nonNegative("gamma", gamma);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public StepDecay(double base, long stepSize, double gamma) {
        this(base, stepSize, gamma, Form.RECURSIVE);
    }

    /** The recursive form with torch's default γ. */
    public StepDecay(double base, long stepSize) {
        this(base, stepSize, DEFAULT_GAMMA);
    }

    public StepDecay withForm(Form form) {
        return new StepDecay(base, stepSize, gamma, form);
    }

    @Override
    public double initialValue() {
        return base;
    }

    @Override
    public double next(double current, long epoch) {
        return epoch % stepSize != 0 ? current : current * gamma;
    }

    @Override
    public double closedFormAt(long epoch) {
        return base * Math.pow(gamma, epoch / stepSize);
    }
}
