package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.rules.Check;

/**
 * Cosine annealing with warm restarts (SGDR), torch 1.13.1 {@code CosineAnnealingWarmRestarts}
 * (spec §S6). The first period lasts {@code t0} epochs, each next one {@code tMult} times longer.
 * <pre>
 *   T_cur, T_i:  T_cur(0) = 0, T_i(0) = t0;  T_cur ← T_cur + 1; if T_cur ≥ T_i: T_cur ← T_cur − T_i, T_i ← T_i·tMult
 *   v(e) = η + ((base − η)·(1 + cos((π·T_cur)/T_i)))/2
 * </pre>
 * with η = etaMin. This is closed-form in (T_cur, T_i), which are exact integers, so torch's
 * recursion has no drift and is computed directly (O(log e) when {@code tMult > 1}). The value
 * restarts at exactly {@code v(0)} at each period start. Defined for every e ≥ 0 (no end); T_i
 * saturates at {@code Long.MAX_VALUE} instead of overflowing.
 *
 * @param base   the value at each restart (torch's {@code initial_lr}); finite
 * @param t0     the first period; {@code >= 1}
 * @param tMult  the period growth factor, default {@value #DEFAULT_T_MULT}; {@code >= 1}
 * @param etaMin η, default {@value #DEFAULT_ETA_MIN}; finite
 */
public record CosineWarmRestarts(double base, long t0, long tMult, double etaMin) implements Schedule {

    /** torch.optim.lr_scheduler.CosineAnnealingWarmRestarts default. */
    public static final long DEFAULT_T_MULT = 1;
    /** torch.optim.lr_scheduler.CosineAnnealingWarmRestarts default. */
    public static final double DEFAULT_ETA_MIN = 0.0;

    public CosineWarmRestarts {
        Check.finite("base", base);
        Check.atLeast("t0", t0, 1);
        Check.atLeast("tMult", tMult, 1);
        Check.finite("etaMin", etaMin);
    }

    /** Equal periods of {@code t0}, down to 0. */
    public CosineWarmRestarts(double base, long t0) {
        this(base, t0, DEFAULT_T_MULT, DEFAULT_ETA_MIN);
    }

    @Override
    public double valueAt(long completedSteps) {
        long e = Limits.epoch(completedSteps);
        long tCur;
        long tI = t0;
        if (tMult == 1) {
            tCur = e % t0;
        } else {
            tCur = e;
            while (tCur >= tI) {
                tCur -= tI;
                tI = tI > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : tI * tMult;
            }
        }
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }
}
