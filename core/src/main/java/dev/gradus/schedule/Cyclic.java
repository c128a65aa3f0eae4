package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.rules.Check;

/**
 * Cyclical learning rate with momentum cycling (Smith 2017), torch 1.13.1 {@code CyclicLR}
 * (spec §S7). The record is the learning-rate schedule; {@link #momentum()} (or {@link #beta1()})
 * is the momentum schedule cycled against it. Per e, in double:
 * <pre>
 *   total = up + down;  ratio = up/total
 *   cycle = ⌊1 + e/total⌋;  x = 1 + e/total − cycle
 *   sf    = x ≤ ratio ? x/ratio : (x − 1)/(ratio − 1)
 *   scale = 1 (TRIANGULAR) | 1/2^(cycle−1) (TRIANGULAR2) | γ^e (EXP_RANGE)
 *   lr(e)       = baseLr + ((maxLr − baseLr)·sf)·scale
 *   momentum(e) = maxMomentum − ((maxMomentum − baseMomentum)·sf)·scale
 * </pre>
 * Cycles for ever (no end). Unlike torch, the value before e = 0 is never used: torch 1.13 sets the
 * group's lr to baseLr and its momentum to baseMomentum at construction, but the e = 0 values,
 * {@code baseLr} and {@code maxMomentum}, are what step 1 uses. torch's custom {@code scale_fn} is
 * not offered.
 *
 * <p>torch 1.13 refuses to cycle momentum of an optimizer without {@code momentum} (Adam); latest
 * torch cycles β1 instead, which this library follows (spec §D row 19): {@link #beta1()} is the
 * same series as {@link #momentum()}.
 *
 * @param baseLr       the lower learning-rate bound (the value at each cycle start); finite
 * @param maxLr        the upper bound; finite
 * @param stepSizeUp   epochs from baseLr up to maxLr, default {@value #DEFAULT_STEP_SIZE_UP}; finite
 *                     and {@code > 0} (torch converts it to a float, so fractions are allowed)
 * @param stepSizeDown epochs back down, default = stepSizeUp; finite and {@code >= 0}
 * @param mode         how the amplitude shrinks, default {@link Mode#TRIANGULAR}
 * @param gamma        γ of {@link Mode#EXP_RANGE}, default {@value #DEFAULT_GAMMA}; in {@code [0, 1]}
 * @param baseMomentum the lower momentum bound, default {@value #DEFAULT_BASE_MOMENTUM}; finite
 * @param maxMomentum  the upper momentum bound (the value at each cycle start), default
 *                     {@value #DEFAULT_MAX_MOMENTUM}; finite
 */
public record Cyclic(double baseLr, double maxLr, double stepSizeUp, double stepSizeDown, Mode mode, double gamma,
                     double baseMomentum, double maxMomentum) implements Schedule {

    /** torch.optim.lr_scheduler.CyclicLR default. */
    public static final double DEFAULT_STEP_SIZE_UP = 2000;
    /** torch.optim.lr_scheduler.CyclicLR default. */
    public static final double DEFAULT_GAMMA = 1.0;
    /** torch.optim.lr_scheduler.CyclicLR default. */
    public static final double DEFAULT_BASE_MOMENTUM = 0.8;
    /** torch.optim.lr_scheduler.CyclicLR default. */
    public static final double DEFAULT_MAX_MOMENTUM = 0.9;

    /** How the amplitude changes from cycle to cycle (torch's {@code mode}). */
    public enum Mode {
        /** Constant amplitude (torch {@code triangular}, scaled per cycle). */
        TRIANGULAR,
        /** The amplitude halves every cycle (torch {@code triangular2}, scaled per cycle). */
        TRIANGULAR2,
        /** The amplitude is multiplied by γ every epoch (torch {@code exp_range}, scaled per iteration). */
        EXP_RANGE
    }

    public Cyclic {
        Check.finite("baseLr", baseLr);
        Check.finite("maxLr", maxLr);
        Check.positive("stepSizeUp", stepSizeUp);
        Check.nonNegative("stepSizeDown", stepSizeDown);
        Check.notNull("mode", mode);
        Check.unitClosed("gamma", gamma);
        Check.finite("baseMomentum", baseMomentum);
        Check.finite("maxMomentum", maxMomentum);
    }

    /** A symmetric triangular cycle with torch's default momentum bounds. */
    public Cyclic(double baseLr, double maxLr, double stepSizeUp) {
        this(baseLr, maxLr, stepSizeUp, stepSizeUp, Mode.TRIANGULAR, DEFAULT_GAMMA, DEFAULT_BASE_MOMENTUM,
                DEFAULT_MAX_MOMENTUM);
    }

    public Cyclic withStepSizeDown(double stepSizeDown) {
        return new Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum);
    }

    public Cyclic withMode(Mode mode) {
        return new Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum);
    }

    public Cyclic withGamma(double gamma) {
        return new Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum);
    }

    public Cyclic withMomentum(double baseMomentum, double maxMomentum) {
        return new Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum);
    }

    /** The learning rate at e. */
    @Override
    public double valueAt(long completedSteps) {
        long e = Limits.epoch(completedSteps);
        return baseLr + (maxLr - baseLr) * scaleFactor(e) * scale(e);
    }

    /** The learning-rate schedule: this record. */
    public Schedule learningRate() {
        return this;
    }

    /** The momentum schedule (SGD's momentum), cycled against the learning rate. */
    public Schedule momentum() {
        return new Momentum(this);
    }

    /** The β1 schedule of an Adam-family optimizer: the same series as {@link #momentum()}. */
    public Schedule beta1() {
        return momentum();
    }

    private double momentumAt(long e) {
        return maxMomentum - (maxMomentum - baseMomentum) * scaleFactor(e) * scale(e);
    }

    private double scaleFactor(long e) {
        double total = stepSizeUp + stepSizeDown;
        double ratio = stepSizeUp / total;
        double cycle = Math.floor(1 + e / total);
        double x = 1.0 + e / total - cycle;
        return x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    }

    private double scale(long e) {
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, Math.floor(1 + e / (stepSizeUp + stepSizeDown)) - 1);
            case EXP_RANGE -> Math.pow(gamma, e);
        };
    }

    /**
     * The momentum series of a {@link Cyclic} schedule.
     *
     * @param cycle the cycle it belongs to
     */
    public record Momentum(Cyclic cycle) implements Schedule {
        public Momentum {
            Check.notNull("cycle", cycle);
        }

        @Override
        public double valueAt(long completedSteps) {
            return cycle.momentumAt(Limits.epoch(completedSteps));
        }
    }
}
