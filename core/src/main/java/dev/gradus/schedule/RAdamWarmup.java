package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.rules.Check;

/**
 * The linear warm-up built into the RAdam paper repository's {@code AdamW(warmup=w)}
 * (LiyuanLucasLiu/RAdam {@code radam/radam.py}, spec §S3), with t = e + 1 the 1-based optimizer
 * step:
 * <pre>
 *   v(e) = {@value #OFFSET} + (t·base)/w    if w > t
 *   v(e) = base                             otherwise
 * </pre>
 * It reaches base at step t = w (e = w − 1) and stays there (no end); {@code w = 0} (the
 * repository's default) means no warm-up. The repository applies the scheduled value both to the
 * step size and to the decoupled weight decay.
 *
 * @param base   the value after the warm-up (the optimizer's lr); finite
 * @param warmup w, in optimizer steps; {@code >= 0}
 */
public record RAdamWarmup(double base, long warmup) implements Schedule {

    /** The constant the repository adds during the warm-up ({@code 1e-8}). */
    public static final double OFFSET = 1e-8;

    public RAdamWarmup {
        Check.finite("base", base);
        Check.atLeast("warmup", warmup, 0);
    }

    @Override
    public double valueAt(long completedSteps) {
        long e = Limits.epoch(completedSteps);
        // w > t with t = e + 1, written so that it cannot overflow
        return e < warmup - 1 ? OFFSET + (e + 1) * base / warmup : base;
    }
}
