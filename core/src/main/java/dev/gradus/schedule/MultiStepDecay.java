package dev.gradus.schedule;

import dev.gradus.rules.Check;

import java.util.ArrayList;
import java.util.List;

/**
 * Decay at given epochs, torch 1.13.1 {@code MultiStepLR} (spec §S4). A milestone listed c times
 * multiplies by γ^c, as torch's {@code Counter} does.
 * <pre>
 *   recursive (default):  v(0) = base·γ^c(0) if c(0) > 0, else base
 *                         v(e) = v(e−1)·γ^c(e) if c(e) > 0, else v(e−1)     c(e) = count of e in milestones
 *   closed:               v(e) = base·γ^bisect_right(milestones, e)
 * </pre>
 * Defined for every e ≥ 0 (no end).
 *
 * @param base       the value at e = 0 (torch's {@code initial_lr}); finite
 * @param milestones epochs at which to decay, each {@code >= 0}, any order, repeats allowed;
 *                   stored sorted
 * @param gamma      γ, default {@value #DEFAULT_GAMMA}; finite and {@code >= 0}
 * @param form       {@link Form#RECURSIVE} (torch's values, default) or {@link Form#CLOSED}
 */
public record MultiStepDecay(double base, List<Long> milestones, double gamma, Form form) implements Chainable {

    /** torch.optim.lr_scheduler.MultiStepLR default. */
    public static final double DEFAULT_GAMMA = 0.1;

    public MultiStepDecay {
        Check.finite("base", base);
        Check.notNull("milestones", milestones);
        List<Long> sorted = new ArrayList<>(milestones.size());
        for (Long m : milestones) {
            Check.notNull("milestone", m);
            Check.atLeast("milestone", m, 0);
            sorted.add(m);
        }
        sorted.sort(null);
        milestones = List.copyOf(sorted);
        Check.nonNegative("gamma", gamma);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public MultiStepDecay(double base, List<Long> milestones, double gamma) {
        this(base, milestones, gamma, Form.RECURSIVE);
    }

    /** The recursive form with torch's default γ. */
    public MultiStepDecay(double base, List<Long> milestones) {
        this(base, milestones, DEFAULT_GAMMA);
    }

    public MultiStepDecay withForm(Form form) {
        return new MultiStepDecay(base, milestones, gamma, form);
    }

    @Override
    public double initialValue() {
        return multiplied(base, 0);
    }

    @Override
    public double next(double current, long epoch) {
        return multiplied(current, epoch);
    }

    private double multiplied(double current, long epoch) {
        int count = bisectRight(epoch) - bisectRight(epoch - 1);
        return count == 0 ? current : current * Math.pow(gamma, count);
    }

    @Override
    public double closedFormAt(long epoch) {
        return base * Math.pow(gamma, bisectRight(epoch));
    }

    /** The largest milestone {@code <= e}, or 0. */
    long lastMilestoneAtOrBefore(long e) {
        int i = bisectRight(e);
        return i == 0 ? 0 : milestones.get(i - 1);
    }

    /** Python's {@code bisect_right}: how many milestones are {@code <= e}. */
    private int bisectRight(long e) {
        int lo = 0;
        int hi = milestones.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (e < milestones.get(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
