package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.rules.Check;

/**
 * The one-cycle policy (Smith &amp; Topin 2018), torch 1.13.1 {@code OneCycleLR} (spec §S8). The
 * record is the learning-rate schedule; {@link #momentum()} (SGD) or {@link #beta1()} (Adam
 * family) is the momentum cycled inversely to it.
 *
 * <p>With N = totalSteps, p = pctStart, {@code initial = maxLr/divFactor} (the value at e = 0) and
 * {@code min = initial/finalDivFactor}, the phases end at (doubles)
 * <pre>
 *   two phases:    p·N − 1  (initial → maxLr, maxMomentum → baseMomentum)
 *                  N − 1    (maxLr → min,     baseMomentum → maxMomentum)
 *   three phases:  p·N − 1  (initial → maxLr, maxMomentum → baseMomentum)
 *                  2·p·N − 2 (maxLr → initial, baseMomentum → maxMomentum)
 *                  N − 1    (initial → min,   maxMomentum → maxMomentum)
 * </pre>
 * For e, the phases are walked with {@code start = 0}: in the first phase with {@code e ≤ end} (or
 * the last one), {@code pct = (e − start)/(end − start)} and the value is {@code anneal(from, to, pct)};
 * otherwise {@code start = end}. Learning rate and momentum use the same pct.
 * <pre>
 *   COS:     anneal(a, b, pct) = b + ((a − b)/2.0)·(cos(π·pct) + 1)
 *   LINEAR:  anneal(a, b, pct) = (b − a)·pct + a
 * </pre>
 *
 * <p><b>Past the end.</b> The plan covers e = 0 … N − 1 (optimizer steps 1 … N). torch also
 * computes e = N (pct slightly above 1: the cosine turns back up, the linear form undershoots min
 * and can go below zero) and raises an error after it. Here every {@code e >= N} gives the value
 * at e = N − 1, the last planned one (both series).
 *
 * <p><b>Validation.</b> As torch, plus {@code p·N > 1}: otherwise the first phase has no length and
 * torch divides by zero (spec §S8). A three-phase plan with p &gt; 0.5 is accepted as in torch; it
 * never reaches its third phase.
 *
 * @param maxLr          the peak learning rate; finite
 * @param totalSteps     N, the number of planned steps; {@code >= 1}
 * @param pctStart       p, the share of the first phase, default {@value #DEFAULT_PCT_START};
 *                       in {@code [0, 1]} and {@code p·N > 1}
 * @param anneal         the annealing curve, default {@link Anneal#COS}
 * @param threePhase     three phases instead of two, default false
 * @param divFactor      initial = maxLr/divFactor, default {@value #DEFAULT_DIV_FACTOR}; finite and {@code > 0}
 * @param finalDivFactor min = initial/finalDivFactor, default {@value #DEFAULT_FINAL_DIV_FACTOR};
 *                       finite and {@code > 0}
 * @param baseMomentum   the momentum at the learning-rate peak, default {@value #DEFAULT_BASE_MOMENTUM}; finite
 * @param maxMomentum    the momentum at the start and end, default {@value #DEFAULT_MAX_MOMENTUM}; finite
 */
public record OneCycle(double maxLr, long totalSteps, double pctStart, Anneal anneal, boolean threePhase,
                       double divFactor, double finalDivFactor, double baseMomentum, double maxMomentum)
        implements Schedule {

    /** torch.optim.lr_scheduler.OneCycleLR default. */
    public static final double DEFAULT_PCT_START = 0.3;
    /** torch.optim.lr_scheduler.OneCycleLR default. */
    public static final double DEFAULT_DIV_FACTOR = 25.0;
    /** torch.optim.lr_scheduler.OneCycleLR default. */
    public static final double DEFAULT_FINAL_DIV_FACTOR = 1e4;
    /** torch.optim.lr_scheduler.OneCycleLR default. */
    public static final double DEFAULT_BASE_MOMENTUM = 0.85;
    /** torch.optim.lr_scheduler.OneCycleLR default. */
    public static final double DEFAULT_MAX_MOMENTUM = 0.95;

    /** The annealing curve within a phase (torch's {@code anneal_strategy}). */
    public enum Anneal {
        /** Cosine (torch {@code 'cos'}, the default). */
        COS,
        /** Linear (torch {@code 'linear'}). */
        LINEAR
    }

    public OneCycle {
        Check.finite("maxLr", maxLr);
        Check.atLeast("totalSteps", totalSteps, 1);
        Check.unitClosed("pctStart", pctStart);
        double warm = pctStart * totalSteps;
        if (!(warm > 1)) {
            throw new IllegalArgumentException("pctStart * totalSteps must be > 1, got " + warm);
        }
        Check.notNull("anneal", anneal);
        Check.positive("divFactor", divFactor);
        Check.positive("finalDivFactor", finalDivFactor);
        Check.finite("baseMomentum", baseMomentum);
        Check.finite("maxMomentum", maxMomentum);
    }

    /** Two cosine phases with torch's defaults. */
    public OneCycle(double maxLr, long totalSteps) {
        this(maxLr, totalSteps, DEFAULT_PCT_START, Anneal.COS, false, DEFAULT_DIV_FACTOR, DEFAULT_FINAL_DIV_FACTOR,
                DEFAULT_BASE_MOMENTUM, DEFAULT_MAX_MOMENTUM);
    }

    /** torch's {@code epochs}/{@code steps_per_epoch} form: {@code totalSteps = epochs·stepsPerEpoch}. */
    public static OneCycle forEpochs(double maxLr, long epochs, long stepsPerEpoch) {
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("stepsPerEpoch", stepsPerEpoch, 1);
        return new OneCycle(maxLr, Math.multiplyExact(epochs, stepsPerEpoch));
    }

    public OneCycle withPctStart(double pctStart) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum);
    }

    public OneCycle withAnneal(Anneal anneal) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum);
    }

    public OneCycle withThreePhase(boolean threePhase) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum);
    }

    public OneCycle withDivFactors(double divFactor, double finalDivFactor) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum);
    }

    public OneCycle withMomentum(double baseMomentum, double maxMomentum) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum);
    }

    /** The value at e = 0: {@code maxLr/divFactor} (torch's {@code initial_lr}). */
    public double initialLr() {
        return maxLr / divFactor;
    }

    /** The floor of the last phase: {@code initialLr()/finalDivFactor}. */
    public double minLr() {
        return initialLr() / finalDivFactor;
    }

    /** The learning rate at e; {@code e >= totalSteps} gives the value at {@code totalSteps − 1}. */
    @Override
    public double valueAt(long completedSteps) {
        return evaluate(completedSteps, false);
    }

    /** The learning-rate schedule: this record. */
    public Schedule learningRate() {
        return this;
    }

    /** SGD's momentum, cycled inversely to the learning rate. */
    public Schedule momentum() {
        return new Momentum(this);
    }

    /** An Adam-family β1, cycled inversely to the learning rate: the same series as {@link #momentum()}. */
    public Schedule beta1() {
        return momentum();
    }

    private double evaluate(long completedSteps, boolean momentum) {
        long e = Math.min(Limits.epoch(completedSteps), totalSteps - 1);
        double initial = initialLr();
        double min = minLr();
        double[] ends;
        double[] from;
        double[] to;
        if (threePhase) {
            ends = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1};
            from = momentum ? new double[] {maxMomentum, baseMomentum, maxMomentum} : new double[] {initial, maxLr, initial};
            to = momentum ? new double[] {baseMomentum, maxMomentum, maxMomentum} : new double[] {maxLr, initial, min};
        } else {
            ends = new double[] {pctStart * totalSteps - 1, totalSteps - 1};
            from = momentum ? new double[] {maxMomentum, baseMomentum} : new double[] {initial, maxLr};
            to = momentum ? new double[] {baseMomentum, maxMomentum} : new double[] {maxLr, min};
        }
        double start = 0;
        int last = ends.length - 1;
        for (int i = 0; ; i++) {
            if (e <= ends[i] || i == last) {
                double pct = (e - start) / (ends[i] - start);
                return anneal(from[i], to[i], pct);
            }
            start = ends[i];
        }
    }

    private double anneal(double a, double b, double pct) {
        return switch (anneal) {
            case COS -> b + (a - b) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (b - a) * pct + a;
        };
    }

    /**
     * The momentum (or β1) series of a {@link OneCycle} schedule; {@code e >= totalSteps} gives the
     * value at {@code totalSteps − 1}.
     *
     * @param cycle the cycle it belongs to
     */
    public record Momentum(OneCycle cycle) implements Schedule {
        public Momentum {
            Check.notNull("cycle", cycle);
        }

        @Override
        public double valueAt(long completedSteps) {
            return cycle.evaluate(completedSteps, true);
        }
    }
}
