package dev.gradus.bench.output;

import dev.gradus.bench.StepBench;
import dev.gradus.bench.Traffic;

import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.race.TrainingRun;
import dev.gradus.bench.results.BenchPlots;
import dev.gradus.bench.results.LateRow;
import dev.gradus.bench.results.LateStepResult;
import dev.gradus.bench.results.SwatsFloorRow;
import dev.gradus.bench.results.TransformResult;
import dev.gradus.bench.results.TransformRow;
import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.StepResult;
import dev.gradus.bench.results.StepRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the report into a directory: {@code report.html}, {@code report.json} (everything), and
 * CSV files: {@code steps.csv}, {@code probes.csv}, {@code transforms.csv} (the gradient transforms),
 * {@code swats-floor.csv} (SWATS beside its sums alone),
 * {@code late.csv} (the SIMD steps late in a run)
 * and the thread files of {@link ThreadFiles} when measured, {@code race-summary.csv}, {@code race-curves.csv}, {@code claim-<id>.csv}, and
 * {@code plots.csv} (every point of every chart).
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Every file's contents by name, in writing order (report.html last, since it lists the others). */
    public static Map<String, String> render(ReportData d) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("steps.csv", Csv.of(steps(d)));
        files.put("probes.csv", Csv.of(probes(d.probes())));
        if (!d.transforms().isEmpty()) {
            files.put("transforms.csv", Csv.of(transforms(d.transforms())));
        }
        if (!d.swatsFloorRows().isEmpty()) {
            files.put("swats-floor.csv", Csv.of(swatsFloor(d.swatsFloorRows())));
        }
        if (!d.late().isEmpty()) {
            files.put("late.csv", Csv.of(late(d.lateRows())));
        }
        ThreadFiles.tables(d).forEach((name, t) -> files.put(name, Csv.of(t)));
        List<Plot> plots = new ArrayList<>(BenchPlots.all(d));
        d.raceResult().ifPresent(r -> {
            files.put("race-summary.csv", Csv.of(r.summary()));
            files.put("race-curves.csv", Csv.of(curves(r)));
            plots.addAll(r.plots());
            for (ClaimResult c : r.claims()) {
                if (!c.table().isEmpty()) {
                    files.put("claim-" + c.id() + ".csv", Csv.of(c.table()));
                }
                plots.addAll(c.plots());
            }
        });
        files.put("plots.csv", Csv.of(points(plots)));
        files.put("report.json", Json.write(JsonReport.of(d, plots)));
        List<String> names = new ArrayList<>(files.keySet());
        if (!d.steps().isEmpty()) {
            names.add("jmh.log (JMH's own output of the run)");
        }
        files.put("report.html", HtmlPage.render(d, names));
        return files;
    }

    /** Writes every file into {@code dir} (created if needed); returns the paths written. */
    public static List<Path> write(ReportData d, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            for (Map.Entry<String, String> e : render(d).entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                out.add(p);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    static Table steps(ReportData d) {
        List<StepRow> rows = d.rows();
        List<List<String>> out = new ArrayList<>();
        for (StepResult s : d.steps()) {
            StepRow r = rows.stream().filter(x -> x.rule().equals(s.rule()) && x.size() == s.size() && x.memory().equals(s.memory()))
                    .findFirst().orElseThrow();
            boolean scalar = s.kernels().equals("scalar");
            out.add(List.of(s.rule(), Long.toString(s.size()), s.kernels(), s.memory(), g(s.nsPerCall()), g(s.errorNs()),
                    g(s.nsPerElement()), r.traffic() == null ? "" : Traffic.bytes(r.traffic().readBytes()),
                    r.traffic() == null ? "" : Traffic.bytes(r.traffic().writeBytes()),
                    g(scalar ? r.scalarGBs() : r.vectorGBs()), r.probe() == null ? "" : r.probe().method(), g(r.probeGBs()),
                    g(scalar ? r.scalarPercent() : r.vectorPercent()), g(r.vectorSpeedup()), g(s.spread())));
        }
        return new Table(List.of("rule", "size", "kernels", "memory", "ns_per_step", "ns_error_999", "ns_per_element",
                "read_bytes", "write_bytes", "gb_per_s", "probe", "probe_gb_per_s", "percent_of_probe", "simd_over_scalar",
                "iteration_spread"), out);
    }

    /** Every transform result as measured, with its SIMD ÷ scalar on the SIMD rows. */
    static Table transforms(List<TransformResult> results) {
        List<List<String>> out = new ArrayList<>();
        List<TransformRow> rows = TransformRow.of(results);
        for (TransformResult t : results) {
            double ratio = t.kernels().equals("vector") ? rows.stream().filter(r -> r.transform() == t.transform()
                    && r.size() == t.size() && r.memory().equals(t.memory())).mapToDouble(TransformRow::vectorSpeedup)
                    .findFirst().orElse(Double.NaN) : Double.NaN;
            out.add(List.of(t.transform().method(), Long.toString(t.size()), t.kernels(), t.memory(), g(t.nsPerCall()),
                    g(t.errorNs()), g(t.nsPerElement()), Integer.toString(t.transform().bytes()),
                    g(t.transform().bytes() / t.nsPerElement()), g(ratio), g(t.spread())));
        }
        return new Table(List.of("transform", "size", "kernels", "memory", "ns_per_call", "ns_error_999", "ns_per_element",
                "bytes_per_element", "gb_per_s", "simd_over_scalar", "iteration_spread"), out);
    }

    static Table swatsFloor(List<SwatsFloorRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SwatsFloorRow r : rows) {
            StepRow s = r.step();
            out.add(List.of(Long.toString(s.size()), s.memory(), g(r.floor().nsPerCall()), g(r.floor().errorNs()), g(r.floorNs()),
                    g(s.vectorNs()), g(s.scalarNs()), g(r.vectorOverFloor()), g(s.vectorSpeedup()), g(r.speedupCap()),
                    g(s.vectorPercent()), g(r.percentCap()), g(r.floor().spread())));
        }
        return new Table(List.of("size", "memory", "sums_ns_per_call", "sums_ns_error_999", "sums_ns_per_element",
                "simd_ns_per_element", "scalar_ns_per_element", "simd_over_sums", "simd_over_scalar", "scalar_over_sums",
                "simd_percent_of_probe", "sums_percent_of_probe", "sums_iteration_spread"), out);
    }

    static Table late(List<LateRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (LateRow r : rows) {
            LateStepResult l = r.late();
            out.add(List.of(l.rule(), Long.toString(l.size()), l.memory(), Long.toString(l.fromStep()), g(l.nsPerCall()),
                    g(l.errorNs()), g(r.lateNs()), g(r.earlyNs()), g(r.speedup()), g(l.spread())));
        }
        return new Table(List.of("rule", "size", "memory", "from_step", "ns_per_step", "ns_error_999", "ns_per_element",
                "ns_per_element_from_step_" + StepBench.FIRST_STEP, "early_over_late", "iteration_spread"), out);
    }

    static Table probes(List<ProbeResult> probes) {
        List<List<String>> out = new ArrayList<>();
        for (ProbeResult p : probes) {
            out.add(List.of(p.probe().method(), Long.toString(p.size()), p.memory(), Traffic.bytes(p.probe().traffic().readBytes()),
                    Traffic.bytes(p.probe().traffic().writeBytes()), g(p.nsPerCall()), g(p.errorNs()), g(p.gbPerSecond()),
                    g(p.spread())));
        }
        return new Table(List.of("probe", "size", "memory", "read_bytes", "write_bytes", "ns_per_call", "ns_error_999", "gb_per_s",
                "iteration_spread"), out);
    }

    static Table curves(RaceResult r) {
        List<List<String>> out = new ArrayList<>();
        for (TrainingRun run : r.runs()) {
            double[] loss = run.epochLoss();
            for (int e = 0; e < loss.length; e++) {
                out.add(List.of(run.model().id(), run.label(), g(run.learningRate()), Long.toString(run.seed()),
                        Integer.toString(e), g(loss[e])));
            }
        }
        return new Table(List.of("model", "optimizer", "lr", "seed", "epoch", "train_loss"), out);
    }

    static Table points(List<Plot> plots) {
        List<List<String>> out = new ArrayList<>();
        for (Plot p : plots) {
            for (Series s : p.series()) {
                double[] x = s.x(), y = s.y();
                for (int i = 0; i < x.length; i++) {
                    String xs = p instanceof dev.gradus.bench.charts.BarPlot b ? b.categories().get(i) : g(x[i]);
                    out.add(List.of(p.id(), s.name(), xs, g(y[i])));
                }
            }
        }
        return new Table(List.of("chart", "series", "x", "y"), out);
    }

    /** Full precision for machines; empty for NaN. */
    static String g(double v) {
        return Double.isNaN(v) ? "" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
