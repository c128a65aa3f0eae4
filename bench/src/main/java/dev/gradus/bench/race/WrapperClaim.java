package dev.gradus.bench.race;

import dev.gradus.bench.BenchRules;
import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.charts.Xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Claim (c), from the Lookahead paper (Zhang et al. 2019) and Ranger (Wright 2019): wrapping an
 * optimizer in Lookahead makes training converge faster or lower and vary less across seeds than
 * the inner optimizer alone. Measured as the MLP's final training loss (mean and std over the
 * seeds) and its mean loss curve, for each wrapper beside its inner optimizer, each at its usual
 * learning rate.
 *
 * <p>The pairs are {@link BenchRules} names: {@code lookahead-adam} beside {@code adam}, and
 * {@code ranger} beside {@code radam}.
 */
public final class WrapperClaim implements Claim {

    public static final String ID = "c";
    public static final String TITLE = "Lookahead/Ranger vs their inner optimizers";

    /** A wrapper and the optimizer it wraps, by {@link BenchRules} name. */
    public record Pair(String wrapper, String inner) {
    }

    /** Lookahead over Adam, Ranger (RAdam + Lookahead + gradient centralization) over RAdam. */
    public static final List<Pair> PAIRS = List.of(new Pair("lookahead-adam", "adam"), new Pair("ranger", "radam"));

    private final List<Pair> pairs;

    public WrapperClaim() {
        this(PAIRS);
    }

    /** With other pairs (tests exercise the measurement with rules that exist). */
    public WrapperClaim(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /** The contender of a {@link BenchRules} name at its usual learning rate, if this build has it. */
    static Optional<Contender> contender(ClaimContext ctx, String name) {
        return ctx.rule(name).map(r -> Contender.constant(name, name, r, BenchRules.learningRate(r)));
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
        List<String> absent = new ArrayList<>();
        for (Pair p : pairs) {
            for (String n : List.of(p.wrapper(), p.inner())) {
                if (contender(ctx, n).isEmpty() && !absent.contains(n)) {
                    absent.add(n);
                }
            }
        }
        if (!absent.isEmpty()) {
            return ClaimResult.pending(ID, TITLE, "Lookahead and Ranger are not implemented in Gradus yet, so this comparison "
                    + "has not been run (BenchRules lacks " + String.join(", ", absent.stream().map(n -> "'" + n + "'").toList())
                    + "). It runs once they are added.");
        }
        RaceSettings s = ctx.settings();
        long[] seeds = ctx.seeds();
        List<Plot> plots = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (Pair p : pairs) {
            List<Series> series = new ArrayList<>();
            double[][] finals = new double[2][];
            List<String> names = List.of(p.inner(), p.wrapper());
            for (int w = 0; w < 2; w++) {
                Contender c = contender(ctx, names.get(w)).orElseThrow();
                double[] fin = new double[seeds.length];
                double[] acc = new double[seeds.length];
                double[] curve = null;
                for (int k = 0; k < seeds.length; k++) {
                    TrainingRun run = ctx.train(ModelKind.MLP, c, seeds[k], s.fullPlan());
                    fin[k] = run.finalLoss();
                    acc[k] = run.testAccuracy();
                    double[] el = run.epochLoss();
                    curve = curve == null ? new double[el.length] : curve;
                    for (int e = 0; e < el.length; e++) {
                        curve[e] += el[e] / seeds.length;
                    }
                }
                double[] epochs = new double[curve.length];
                java.util.Arrays.setAll(epochs, i -> i);
                series.add(new Series(c.label(), epochs, curve));
                finals[w] = fin;
                rows.add(List.of(c.label(), Xml.num(c.learningRate()), Xml.num(Stats.mean(fin)), Xml.num(Stats.std(fin)),
                        LearningRateClaim.pct(Stats.mean(acc))));
            }
            plots.add(new LinePlot("claim-c-" + p.wrapper(), "(c) " + p.wrapper() + " vs " + p.inner()
                    + ": mean training loss over " + seeds.length + " seeds", "epoch", "training loss", Scale.LINEAR, Scale.LOG, series));
            findings.add(String.format(Locale.ROOT,
                    "%s vs %s: mean final training loss %s vs %s (%s× the inner optimizer's), across-seed std %s vs %s.",
                    p.wrapper(), p.inner(), Xml.num(Stats.mean(finals[1])), Xml.num(Stats.mean(finals[0])),
                    Xml.num(Stats.mean(finals[1]) / Stats.mean(finals[0])), Xml.num(Stats.std(finals[1])),
                    Xml.num(Stats.std(finals[0]))));
        }
        String setup = String.format(Locale.ROOT, "MLP, %d seeds, %d epochs, batches of %d, each rule at its usual learning rate.",
                seeds.length, s.epochs(), s.batchSize());
        return new ClaimResult(ID, TITLE, ClaimResult.Status.MEASURED, setup, plots,
                new Table(List.of("optimizer", "lr", "mean final loss", "std final loss", "mean test acc."), rows), findings);
    }
}
