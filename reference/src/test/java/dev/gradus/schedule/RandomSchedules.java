package dev.gradus.schedule;

import dev.gradus.Schedule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Valid random schedules of every kind, every option included, derived from a seed. */
final class RandomSchedules {

    private RandomSchedules() {
    }

    private static final double[] BASES = {0.0, 1e-4, 1e-3, 0.01, 0.1, 0.5, 1.0, 3.0};
    private static final double[] GAMMAS = {0.0, 0.1, 0.5, 0.9, 0.95, 0.999, 1.0, 1.01};
    private static final double[] FACTORS = {1e-3, 0.01, 0.1, 1.0 / 3, 0.5, 0.9, 1.0};
    private static final double[] ETA_MINS = {0.0, 1e-5, 1e-4, 1e-3};

    static <T> Gen<T> of(Function<SplittableRandom, T> make) {
        return Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).map(seed -> make.apply(new SplittableRandom(seed)));
    }

    static double pick(SplittableRandom r, double... values) {
        return values[r.nextInt(values.length)];
    }

    static Form form(SplittableRandom r) {
        return r.nextBoolean() ? Form.RECURSIVE : Form.CLOSED;
    }

    static StepDecay stepDecay(SplittableRandom r) {
        return new StepDecay(pick(r, BASES), 1 + r.nextInt(40), pick(r, GAMMAS), form(r));
    }

    static MultiStepDecay multiStepDecay(SplittableRandom r) {
        List<Long> ms = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            ms.add((long) r.nextInt(r.nextInt(10) == 0 ? 3 : 200)); // repeats and 0 included
        }
        return new MultiStepDecay(pick(r, BASES), ms, pick(r, GAMMAS), form(r));
    }

    static ExponentialDecay exponentialDecay(SplittableRandom r) {
        return new ExponentialDecay(pick(r, BASES), pick(r, GAMMAS), form(r));
    }

    static ConstantWarmup constantWarmup(SplittableRandom r) {
        return new ConstantWarmup(pick(r, BASES), pick(r, FACTORS), 1 + r.nextInt(30), form(r));
    }

    static LinearWarmup linearWarmup(SplittableRandom r) {
        return new LinearWarmup(pick(r, BASES), pick(r, FACTORS), pick(r, 0.0, 0.1, 0.5, 1.0 / 3, 1.0), 1 + r.nextInt(100), form(r));
    }

    static CosineAnnealing cosineAnnealing(SplittableRandom r) {
        return new CosineAnnealing(pick(r, BASES), 1 + r.nextInt(150), pick(r, ETA_MINS), form(r));
    }

    static CosineWarmRestarts cosineWarmRestarts(SplittableRandom r) {
        return new CosineWarmRestarts(pick(r, BASES), 1 + r.nextInt(30), 1 + r.nextInt(3), pick(r, ETA_MINS));
    }

    static RAdamWarmup radamWarmup(SplittableRandom r) {
        return new RAdamWarmup(pick(r, BASES), r.nextInt(120));
    }

    static Cyclic cyclic(SplittableRandom r) {
        double base = pick(r, 1e-4, 1e-3, 0.01);
        double max = pick(r, 0.01, 0.1, 1.0);
        double up = r.nextInt(8) == 0 ? 2.5 : 1 + r.nextInt(30);
        double down = r.nextInt(8) == 0 ? 0.0 : r.nextInt(8) == 0 ? 3.5 : 1 + r.nextInt(30);
        Cyclic.Mode mode = Cyclic.Mode.values()[r.nextInt(3)];
        return new Cyclic(base, max, up, down, mode, pick(r, 0.0, 0.9, 0.99, 1.0), pick(r, 0.8, 0.85), pick(r, 0.9, 0.95));
    }

    static OneCycle oneCycle(SplittableRandom r) {
        while (true) {
            long total = 2 + r.nextInt(300);
            double pct = pick(r, 0.1, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0);
            if (pct * total > 1) {
                return new OneCycle(pick(r, 1e-3, 0.01, 0.1, 1.0), total, pct,
                        r.nextBoolean() ? OneCycle.Anneal.COS : OneCycle.Anneal.LINEAR, r.nextBoolean(),
                        pick(r, 10.0, 25.0), pick(r, 100.0, 1e4), pick(r, 0.85, 0.8), pick(r, 0.95, 0.9));
            }
        }
    }

    /** Any chainable schedule. */
    static Chainable chainable(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> stepDecay(r);
            case 1 -> multiStepDecay(r);
            case 2 -> exponentialDecay(r);
            case 3 -> constantWarmup(r);
            case 4 -> linearWarmup(r);
            default -> cosineAnnealing(r);
        };
    }

    /** Any schedule except a sequential one. */
    static Schedule single(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> cosineWarmRestarts(r);
            case 1 -> radamWarmup(r);
            case 2 -> cyclic(r);
            case 3 -> cyclic(r).momentum();
            case 4 -> oneCycle(r);
            case 5 -> oneCycle(r).beta1();
            default -> chainable(r);
        };
    }

    /** One to four schedules at increasing milestones. */
    static Sequential sequential(SplittableRandom r) {
        int n = 1 + r.nextInt(4);
        List<Schedule> parts = new ArrayList<>();
        List<Long> milestones = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < n; i++) {
            parts.add(r.nextInt(3) == 0 ? single(r) : chainable(r));
            if (i > 0) {
                at += 1 + r.nextInt(60);
                milestones.add(at);
            }
        }
        return new Sequential(parts, milestones);
    }

    /** Any schedule. */
    static Schedule any(SplittableRandom r) {
        return r.nextInt(4) == 0 ? sequential(r) : single(r);
    }
}
