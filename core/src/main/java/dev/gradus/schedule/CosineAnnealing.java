package dev.gradus.schedule;

import dev.gradus.rules.Check;

/**
 * Cosine annealing from base to {@code etaMin} over {@code tMax} epochs, torch 1.13.1
 * {@code CosineAnnealingLR} (spec §S5).
 * <pre>
 *   recursive (default):
 *     v(0) = base
 *     v(e) = v(e−1) + ((base − η)·(1 − cos(π/T)))/2                          if (e − 1 − T) mod 2T == 0
 *     v(e) = ((1 + cos((π·e)/T)) / (1 + cos((π·(e−1))/T)))·(v(e−1) − η) + η   otherwise
 *   closed:
 *     v(e) = η + ((base − η)·(1 + cos((π·e)/T)))/2
 * </pre>
 * with η = etaMin, T = tMax and {@code mod} the floor modulo. Past T the value keeps following the
 * cosine, back up to base at 2T and so on with period 2T, as torch does (no clamping); the
 * recursive value at e = T is exactly η.
 *
 * @param base   the value at e = 0 (torch's {@code initial_lr}); finite
 * @param tMax   T, half the period; {@code >= 1} (torch divides by zero at 0)
 * @param etaMin η, the value at T, default {@value #DEFAULT_ETA_MIN}; finite
 * @param form   {@link Form#RECURSIVE} (torch's values, default; spec §D row 21) or {@link Form#CLOSED}
 */
public record CosineAnnealing(double base, long tMax, double etaMin, Form form) implements Chainable {

    /** torch.optim.lr_scheduler.CosineAnnealingLR default. */
    public static final double DEFAULT_ETA_MIN = 0.0;

    public CosineAnnealing {
        Check.finite("base", base);
        Check.atLeast("tMax", tMax, 1);
        Check.finite("etaMin", etaMin);
        Check.notNull("form", form);
    }

    /** The recursive form. */
    public CosineAnnealing(double base, long tMax, double etaMin) {
        this(base, tMax, etaMin, Form.RECURSIVE);
    }

    /** The recursive form down to 0. */
    public CosineAnnealing(double base, long tMax) {
        this(base, tMax, DEFAULT_ETA_MIN);
    }

    public CosineAnnealing withForm(Form form) {
        return new CosineAnnealing(base, tMax, etaMin, form);
    }

    @Override
    public double initialValue() {
        return base;
    }

    @Override
    public double next(double current, long epoch) {
        double t = tMax;
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            return current + (base - etaMin) * (1 - Math.cos(Math.PI / t)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / t)) / (1 + Math.cos(Math.PI * (epoch - 1) / t))
                * (current - etaMin) + etaMin;
    }

    @Override
    public double closedFormAt(long epoch) {
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
