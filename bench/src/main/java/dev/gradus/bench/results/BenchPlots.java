package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.charts.BarPlot;
import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;

import java.util.ArrayList;
import java.util.List;

/** The benchmark charts: throughput against size per rule with its roofline, and SIMD/scalar ratios. */
public final class BenchPlots {
    private BenchPlots() {
    }

    /**
     * Effective GB/s against size for one rule: one line per kernel set and memory kind, and the
     * roofline: the best bandwidth the probe with the rule's read/write mix measured at each size.
     */
    public static LinePlot throughput(String rule, List<StepRow> rows, List<ProbeResult> probes) {
        List<StepRow> mine = rows.stream().filter(r -> r.rule().equals(rule)).toList();
        List<Series> series = new ArrayList<>();
        for (String kernels : List.of("scalar", "vector")) {
            for (String memory : mine.stream().map(StepRow::memory).distinct().sorted().toList()) {
                List<StepRow> rs = mine.stream().filter(r -> r.memory().equals(memory)).toList();
                double[] x = rs.stream().mapToDouble(StepRow::size).toArray();
                double[] y = rs.stream().mapToDouble(r -> kernels.equals("scalar") ? r.scalarGBs() : r.vectorGBs()).toArray();
                if (java.util.Arrays.stream(y).anyMatch(Double::isFinite)) {
                    series.add(new Series(Figures.kernelsLabel(kernels) + ", " + Figures.memoryLabel(memory), x, y));
                }
            }
        }
        Probe probe = mine.isEmpty() ? null : mine.get(0).probe();
        if (probe != null) {
            List<Long> sizes = Figures.sizes(mine);
            double[] x = sizes.stream().mapToDouble(Long::doubleValue).toArray();
            double[] y = sizes.stream().mapToDouble(s -> Figures.bestBandwidth(probes, probe, s)).toArray();
            if (java.util.Arrays.stream(y).anyMatch(Double::isFinite)) {
                series.add(new Series("roofline: " + probe.method() + " probe", x, y, true));
            }
        }
        String bytes = mine.isEmpty() || mine.get(0).traffic() == null ? "?" : dev.gradus.bench.Traffic.bytes(mine.get(0).traffic().totalBytes());
        return new LinePlot("throughput-" + rule, rule + ": effective bandwidth (" + bytes + " B/element)", "elements per step",
                "GB/s (bytes per element ÷ ns per element)", Scale.LOG_SIZE, Scale.LOG, series);
    }

    /** Scalar time ÷ SIMD time per rule, one bar per size and memory kind. */
    public static BarPlot ratios(List<StepRow> rows) {
        List<String> rules = Figures.rules(rows);
        List<Series> series = new ArrayList<>();
        for (long size : Figures.sizes(rows)) {
            for (String memory : rows.stream().map(StepRow::memory).distinct().sorted().toList()) {
                double[] v = new double[rules.size()];
                for (int i = 0; i < rules.size(); i++) {
                    String rule = rules.get(i);
                    v[i] = rows.stream().filter(r -> r.rule().equals(rule) && r.size() == size && r.memory().equals(memory))
                            .mapToDouble(StepRow::vectorSpeedup).findFirst().orElse(Double.NaN);
                }
                if (java.util.Arrays.stream(v).anyMatch(Double::isFinite)) {
                    series.add(Series.bars(Figures.sizeLabel(size) + ", " + Figures.memoryLabel(memory), v));
                }
            }
        }
        return new BarPlot("simd-ratio", "SIMD speed-up over the scalar reference (scalar ns ÷ SIMD ns)", "rule",
                "scalar time ÷ SIMD time", rules, series, 1.0);
    }

    /** Every benchmark chart, in report order. */
    public static List<Plot> all(ReportData data) {
        List<StepRow> rows = data.rows();
        List<Plot> plots = new ArrayList<>();
        for (String rule : Figures.rules(rows)) {
            plots.add(throughput(rule, rows, data.probes()));
        }
        if (!rows.isEmpty()) {
            plots.add(ratios(rows));
        }
        return plots;
    }
}
