package dev.gradus.bench.race;

import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.charts.Xml;
import dev.gradus.rules.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Claim (a), from the RAdam paper (Liu et al. 2020): the adaptive learning rate has a large
 * variance early in training; warm-up reduces it, and RAdam's rectification does the same without
 * warm-up. Measured as the spread across seeds of the early training loss of the MLP: Adam without
 * warm-up, Adam with a linear warm-up, RAdam without warm-up, each over the same seeds (the same
 * initial weights and batch orders), at each learning rate of {@link RaceSettings#warmupRates()}.
 */
public final class WarmupClaim implements Claim {

    public static final String ID = "a";
    public static final String TITLE = "RAdam without warm-up vs Adam with and without warm-up: early-training loss variance";

    private final String adam;
    private final String rectified;

    /** Adam ({@code adam}) against RAdam ({@code radam}). */
    public WarmupClaim() {
        this("adam", "radam");
    }

    /** Other {@code BenchRules} names in the two roles (tests run the measurement with rules that exist). */
    public WarmupClaim(String adam, String rectified) {
        this.adam = adam;
        this.rectified = rectified;
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
        List<String> missing = ctx.missing(adam, rectified);
        if (!missing.isEmpty()) {
            return ClaimResult.notAvailable(ID, TITLE, ClaimContext.absence(missing, "RAdam is being added in parallel"));
        }
        RaceSettings s = ctx.settings();
        Rule base = ctx.rule(adam).orElseThrow();
        Rule rect = ctx.rule(rectified).orElseThrow();
        Trainer.Plan plan = new Trainer.Plan(s.batchSize(), Integer.MAX_VALUE, s.earlySteps(), s.checkpointEvery());
        long[] seeds = ctx.seeds();
        List<Plot> plots = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (double lr : s.warmupRates()) {
            List<Contender> configs = List.of(
                    Contender.constant(adam + ", no warm-up", adam, base, lr),
                    Contender.warmedUp(adam + ", " + s.warmupSteps() + "-step warm-up", adam, base, lr, s.warmupSteps()),
                    Contender.constant(rectified + ", no warm-up", rectified, rect, lr));
            List<Series> series = new ArrayList<>();
            double[] meanStd = new double[configs.size()];
            for (int c = 0; c < configs.size(); c++) {
                Contender con = configs.get(c);
                double[][] loss = new double[seeds.length][];
                int[] steps = null;
                for (int k = 0; k < seeds.length; k++) {
                    TrainingRun run = ctx.train(ModelKind.MLP, con, seeds[k], plan);
                    loss[k] = run.checkpointLoss();
                    steps = run.checkpointStep();
                }
                int points = steps.length;
                double[] x = new double[points];
                double[] std = new double[points];
                double[] mean = new double[points];
                for (int p = 0; p < points; p++) {
                    double[] across = new double[seeds.length];
                    for (int k = 0; k < seeds.length; k++) {
                        across[k] = loss[k][p];
                    }
                    x[p] = steps[p];
                    std[p] = Stats.std(across);
                    mean[p] = Stats.mean(across);
                }
                // Step 0 is the same initialisation for every configuration: leave it out of the average.
                double[] later = Arrays.copyOfRange(std, 1, points);
                meanStd[c] = Stats.mean(later);
                series.add(new Series(con.label(), x, std));
                rows.add(List.of(Xml.num(lr), con.label(), Xml.num(meanStd[c]), Xml.num(Stats.max(later)),
                        Xml.num(mean[points - 1]), Xml.num(std[points - 1])));
            }
            plots.add(new LinePlot("claim-a-lr" + Xml.num(lr), "(a) across-seed std of the training loss, lr " + Xml.num(lr),
                    "optimizer step", "std of training loss over " + seeds.length + " seeds", Scale.LINEAR, Scale.LINEAR, series));
            findings.add(String.format(Locale.ROOT,
                    "At lr %s, the across-seed standard deviation of the training loss, averaged over steps %d–%d, was %s for "
                            + "%s, %s for %s and %s for %s: %s's is %s× that of %s and %s× that of %s; the smallest is %s.",
                    Xml.num(lr), s.checkpointEvery(), s.earlySteps(),
                    Xml.num(meanStd[0]), configs.get(0).label(), Xml.num(meanStd[1]), configs.get(1).label(),
                    Xml.num(meanStd[2]), configs.get(2).label(), rectified, Xml.num(meanStd[2] / meanStd[0]),
                    configs.get(0).label(), Xml.num(meanStd[2] / meanStd[1]), configs.get(1).label(),
                    configs.get(argMin(meanStd)).label()));
        }
        String setup = String.format(Locale.ROOT,
                "MLP, %d seeds (%d–%d: initial weights and batch order, the same for every configuration), batches of %d, "
                        + "the first %d steps; the loss over the whole training set every %d steps. Warm-up: lr·min(1, k/%d) "
                        + "at step k. Other hyperparameters at their defaults.",
                seeds.length, seeds[0], seeds[seeds.length - 1], s.batchSize(), s.earlySteps(), s.checkpointEvery(), s.warmupSteps());
        Table table = new Table(List.of("lr", "configuration", "mean std (steps " + s.checkpointEvery() + "–" + s.earlySteps() + ")",
                "max std", "mean loss at step " + s.earlySteps(), "std at step " + s.earlySteps()), rows);
        return new ClaimResult(ID, TITLE, ClaimResult.Status.MEASURED, setup, plots, table, findings);
    }

    static int argMin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best] || Double.isNaN(v[best])) {
                best = i;
            }
        }
        return best;
    }
}
