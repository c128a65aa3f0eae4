package dev.gradus.schedule;

import dev.gradus.rules.Check;

/**
 * Exponential decay, torch 1.13.1 {@code ExponentialLR}: the value is multiplied by γ every epoch.
 * <pre>
 *   recursive (default):  v(0) = base;  v(e) = v(e−1)·γ
 *   closed:               v(e) = base·γ^e
 * </pre>
 * Defined for every e ≥ 0 (no end); γ > 1 grows (as in a learning-rate range test) until the
 * value overflows, which the optimizer then rejects.
 *
 * @param base  the value at e = 0 (torch's {@code initial_lr}); finite
 * @param gamma γ (torch has no default); finite and {@code >= 0}
 * @param form  {@link Form#RECURSIVE} (torch's values, default) or {@link Form#CLOSED}
 */
public record ExponentialDecay(double base, double gamma, Form form) implements Chainable {

    public ExponentialDecay {
        Check.finite("base", base);
        Check.nonNegative("gamma", gamma);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public ExponentialDecay(double base, double gamma) {
        this(base, gamma, Form.RECURSIVE);
    }

    public ExponentialDecay withForm(Form form) {
        return new ExponentialDecay(base, gamma, form);
    }

    @Override
    public double initialValue() {
        return base;
    }

    @Override
    public double next(double current, long epoch) {
        return current * gamma;
    }

    @Override
    public double closedFormAt(long epoch) {
        return base * Math.pow(gamma, epoch);
    }
}
