package dev.gradus.bench.race;

import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.charts.Xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The race's numbers: one run per model and optimizer, and the claims.
 *
 * @param settings what fixed the race
 * @param kernels  the kernels the optimizers ran ({@code scalar} or {@code vector})
 * @param data     a description of the data and split
 * @param runs     the main runs, by model then in rule order
 * @param claims   claims (a), (b), (c)
 */
public record RaceResult(RaceSettings settings, String kernels, String data, List<TrainingRun> runs,
                         List<ClaimResult> claims) {

    public RaceResult {
        runs = List.copyOf(runs);
        claims = List.copyOf(claims);
    }

    public List<TrainingRun> runs(ModelKind model) {
        return runs.stream().filter(r -> r.model() == model).toList();
    }

    /** Training loss per epoch, one line per optimizer, one chart per model. */
    public List<Plot> plots() {
        List<Plot> plots = new ArrayList<>();
        for (ModelKind m : ModelKind.values()) {
            List<Series> series = new ArrayList<>();
            for (TrainingRun r : runs(m)) {
                double[] x = new double[r.epochLoss().length];
                java.util.Arrays.setAll(x, i -> i);
                series.add(new Series(r.label(), x, r.epochLoss()));
            }
            if (!series.isEmpty()) {
                plots.add(new LinePlot("race-" + m.id(), "Training loss, " + m.description(), "epoch",
                        "training loss (cross-entropy)", Scale.LINEAR, Scale.LOG, series));
            }
        }
        return plots;
    }

    /** Final loss, accuracies and wall time per model and optimizer. */
    public Table summary() {
        List<List<String>> rows = new ArrayList<>();
        for (TrainingRun r : runs) {
            rows.add(List.of(r.model().id(), r.label(), Xml.num(r.learningRate()), Xml.num(r.finalLoss()),
                    LearningRateClaim.pct(r.trainAccuracy()), LearningRateClaim.pct(r.testAccuracy()),
                    String.format(Locale.ROOT, "%.0f", r.trainNanos() / 1e6), String.format(Locale.ROOT, "%.1f", r.medianEpochMillis())));
        }
        return new Table(List.of("model", "optimizer", "lr", "final train loss", "train acc.", "test acc.", "wall ms",
                "median ms/epoch"), rows);
    }

    /** What the main runs show, computed from them. */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        for (ModelKind m : ModelKind.values()) {
            List<TrainingRun> rs = runs(m);
            if (rs.isEmpty()) {
                continue;
            }
            List<TrainingRun> diverged = rs.stream().filter(r -> !Double.isFinite(r.finalLoss())).toList();
            List<TrainingRun> ok = rs.stream().filter(r -> Double.isFinite(r.finalLoss()))
                    .sorted(Comparator.comparingDouble(TrainingRun::finalLoss)).toList();
            StringBuilder b = new StringBuilder(m.description()).append(", ").append(settings.epochs()).append(" epochs: ");
            if (!ok.isEmpty()) {
                TrainingRun best = ok.get(0), worst = ok.get(ok.size() - 1);
                TrainingRun bestTest = rs.stream().max(Comparator.comparingDouble(TrainingRun::testAccuracy)).orElseThrow();
                b.append(String.format(Locale.ROOT, "lowest final training loss %s (%s), highest %s (%s); best test accuracy %s (%s)",
                        best.label(), Xml.num(best.finalLoss()), worst.label(), Xml.num(worst.finalLoss()),
                        bestTest.label(), LearningRateClaim.pct(bestTest.testAccuracy())));
            }
            if (!diverged.isEmpty()) {
                b.append(ok.isEmpty() ? "" : "; ").append("diverged (non-finite loss): ")
                        .append(String.join(", ", diverged.stream().map(TrainingRun::label).toList()));
            }
            out.add(b.append('.').toString());
        }
        return out;
    }
}
