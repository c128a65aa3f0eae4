package dev.gradus.bench.race;

import dev.gradus.bench.BenchRules;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The convergence race on the digits data: every selected {@link BenchRules} optimizer at its
 * usual learning rate ({@link BenchRules#learningRate}) trains softmax regression and the MLP from
 * the same seed with the same mini-batch order, then the claims run. Deterministic: the same
 * settings give the same numbers, with the scalar and with the vector kernels.
 */
public final class Race {
    private Race() {
    }

    /** Claims (a), (b), (c), in report order. */
    public static List<Claim> claims() {
        return List.of(new WarmupClaim(), new LearningRateClaim(), new WrapperClaim());
    }

    public static RaceResult run(RaceSettings s, UpdateKernels kernels, Consumer<String> log) {
        return run(s, kernels, claims(), log);
    }

    public static RaceResult run(RaceSettings s, UpdateKernels kernels, List<Claim> claims, Consumer<String> log) {
        Digits.Split split = data(s);
        String data = String.format(Locale.ROOT, "UCI optical digits (8×8, 10 classes): %d training rows, %d test rows, "
                        + "fixed split (seed %d); pixels scaled to [0, 1]", split.train().size(), split.test().size(),
                Digits.SPLIT_SEED);
        List<TrainingRun> runs = new ArrayList<>();
        int total = ModelKind.values().length * s.rules().size();
        for (ModelKind m : ModelKind.values()) {
            for (String name : s.rules()) {
                Rule rule = BenchRules.get(name);
                Contender c = Contender.constant(name, name, rule, BenchRules.learningRate(rule));
                TrainingRun r = Trainer.train(split, m, c, kernels, s.seed(), s.fullPlan());
                runs.add(r);
                log.accept(String.format(Locale.ROOT, "race [%d/%d] %-7s %-14s lr %-7s final loss %-9s test %s  (%.2f s)",
                        runs.size(), total, m.id(), name, dev.gradus.bench.charts.Xml.num(c.learningRate()),
                        dev.gradus.bench.charts.Xml.num(r.finalLoss()), LearningRateClaim.pct(r.testAccuracy()), r.trainNanos() / 1e9));
            }
        }
        ClaimContext ctx = new ClaimContext(split, s, kernels, log);
        List<ClaimResult> results = new ArrayList<>();
        for (Claim claim : claims) {
            ClaimResult r = claim.run(ctx);
            results.add(r);
            log.accept("claim (" + r.id() + ") " + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return new RaceResult(s, kernels.name(), data, runs, results);
    }

    /** The fixed split, cut to {@link RaceSettings#trainRows()} training rows when that is set. */
    static Digits.Split data(RaceSettings s) {
        Digits.Split full = Digits.split(Digits.load());
        if (s.trainRows() <= 0) {
            return full;
        }
        return new Digits.Split(full.train().head(s.trainRows()), full.test().head(Math.max(1, s.trainRows() / 3)));
    }
}
