package dev.gradus.bench.race;

import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.charts.Xml;
import dev.gradus.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Claim (b), from the AdaMod paper (Ding et al. 2019): bounding the adaptive learning rate by its
 * own running average makes training less sensitive to the learning rate than Adam. Measured as
 * the spread of the MLP's final training loss (mean over the seeds) across the learning rates of
 * {@link RaceSettings#sweepRates()}, two orders of magnitude, full-length runs.
 */
public final class LearningRateClaim implements Claim {

    public static final String ID = "b";
    public static final String TITLE = "AdaMod vs Adam across learning rates 1e-4 … 1e-2: spread of final losses";

    private final List<String> names;

    /** Adam ({@code adam}) against AdaMod ({@code adamod}). */
    public LearningRateClaim() {
        this("adam", "adamod");
    }

    /** Other {@code BenchRules} names in the two roles (tests run the measurement with rules that exist). */
    public LearningRateClaim(String baseline, String bounded) {
        this.names = List.of(baseline, bounded);
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
        List<String> missing = ctx.missing(names.toArray(String[]::new));
        if (!missing.isEmpty()) {
            return ClaimResult.notAvailable(ID, TITLE, ClaimContext.absence(missing, "AdaMod is being added in parallel"));
        }
        RaceSettings s = ctx.settings();
        long[] seeds = ctx.seeds();
        double[] rates = s.sweepRates().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] loss = new double[names.size()][rates.length];
        double[][] lossStd = new double[names.size()][rates.length];
        double[][] acc = new double[names.size()][rates.length];
        List<Series> series = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            Rule rule = ctx.rule(names.get(r)).orElseThrow();
            for (int i = 0; i < rates.length; i++) {
                double[] fin = new double[seeds.length];
                double[] a = new double[seeds.length];
                for (int k = 0; k < seeds.length; k++) {
                    TrainingRun run = ctx.train(ModelKind.MLP, Contender.constant(names.get(r) + " lr " + Xml.num(rates[i]),
                            names.get(r), rule, rates[i]), seeds[k], s.fullPlan());
                    fin[k] = run.finalLoss();
                    a[k] = run.testAccuracy();
                }
                loss[r][i] = Stats.mean(fin);
                lossStd[r][i] = Stats.std(fin);
                acc[r][i] = Stats.mean(a);
            }
            series.add(new Series(names.get(r), rates, loss[r]));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            rows.add(List.of(Xml.num(rates[i]), Xml.num(loss[0][i]), Xml.num(lossStd[0][i]), Xml.num(loss[1][i]),
                    Xml.num(lossStd[1][i]), pct(acc[0][i]), pct(acc[1][i])));
        }
        List<String> findings = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            findings.add(String.format(Locale.ROOT,
                    "%s: mean final training loss from %s to %s over lr %s–%s (largest/smallest %s×, std of log10 %s); lowest at lr %s.",
                    names.get(r), Xml.num(Stats.min(loss[r])), Xml.num(Stats.max(loss[r])), Xml.num(rates[0]),
                    Xml.num(rates[rates.length - 1]), Xml.num(Stats.ratio(loss[r])), Xml.num(logStd(loss[r])),
                    Xml.num(rates[WarmupClaim.argMin(loss[r])])));
        }
        double a = logStd(loss[0]), m = logStd(loss[1]);
        String verdict = Double.isNaN(a) || Double.isNaN(m) ? " (a run diverged: see the table)"
                : m < a ? ": smaller" : m > a ? ": larger" : ": the same";
        findings.add(String.format(Locale.ROOT, "By the std of log10(mean final loss) across learning rates, %s's spread is %s× %s's%s.",
                names.get(1), Xml.num(m / a), names.get(0), verdict));
        String setup = String.format(Locale.ROOT, "MLP, seeds %d–%d (the same for both), %d epochs, batches of %d, lr in %s, "
                        + "other hyperparameters at their defaults; the loss is the mean over the seeds.",
                seeds[0], seeds[seeds.length - 1], s.epochs(), s.batchSize(), s.sweepRates().stream().map(Xml::num).toList());
        return new ClaimResult(ID, TITLE, ClaimResult.Status.MEASURED, setup,
                List.of(new LinePlot("claim-b", "(b) final training loss vs learning rate (mean over " + seeds.length + " seeds)",
                        "learning rate", "final training loss", Scale.LOG, Scale.LOG, series)),
                new Table(List.of("lr", names.get(0) + " final loss", "std", names.get(1) + " final loss", "std",
                        names.get(0) + " test acc.", names.get(1) + " test acc."), rows),
                findings);
    }

    private static double logStd(double[] v) {
        double[] l = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = Math.log10(v[i]);
        }
        return Stats.std(l);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
