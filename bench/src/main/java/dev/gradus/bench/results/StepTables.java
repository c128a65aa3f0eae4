package dev.gradus.bench.results;

import dev.gradus.bench.StepBench;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.charts.Xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark numbers as tables, shared by the console, the HTML page and the CSV files. */
public final class StepTables {
    private StepTables() {
    }

    /** One row per size and memory kind of {@code rule}. */
    public static Table rule(String rule, List<StepRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (StepRow r : rows) {
            if (!r.rule().equals(rule)) {
                continue;
            }
            out.add(List.of(Figures.sizeLabel(r.size()), Figures.memoryLabel(r.memory()),
                    f4(r.scalarNs()), f4(r.vectorNs()), f1(r.scalarGBs()), f1(r.vectorGBs()),
                    r.probe() == null ? "n/a" : r.probe().method(), f1(r.probeGBs()),
                    pct(r.scalarPercent()), pct(r.vectorPercent()), ratio(r.vectorSpeedup())));
        }
        return new Table(List.of("size", "memory", "scalar ns/el", "SIMD ns/el", "scalar GB/s", "SIMD GB/s",
                "probe", "probe GB/s", "scalar % bw", "SIMD % bw", "SIMD/scalar"), out);
    }

    public static Table probes(List<ProbeResult> probes) {
        List<List<String>> out = new ArrayList<>();
        probes.stream().sorted(java.util.Comparator.comparing((ProbeResult p) -> p.probe()).thenComparingLong(ProbeResult::size)
                .thenComparing(ProbeResult::memory)).forEach(p -> out.add(List.of(p.probe().method(),
                p.probe().traffic().describe(), Figures.sizeLabel(p.size()), Figures.memoryLabel(p.memory()),
                f4(p.nsPerCall() / p.size()), f1(p.gbPerSecond()))));
        return new Table(List.of("probe", "bytes per element", "size", "memory", "ns/el", "GB/s"), out);
    }

    /** One row per rule, size and memory kind: the SIMD step from {@link StepBench#FIRST_STEP} and from late in a run. */
    public static Table late(List<LateRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (LateRow r : rows) {
            out.add(List.of(r.late().rule(), Figures.sizeLabel(r.late().size()), Figures.memoryLabel(r.late().memory()),
                    f4(r.earlyNs()), f4(r.lateNs()), ratio(r.speedup())));
        }
        String from = String.format(Locale.ROOT, "%,d", rows.isEmpty() ? 0 : rows.get(0).late().fromStep());
        return new Table(List.of("rule", "size", "memory", "SIMD ns/el from step " + StepBench.FIRST_STEP, "from step " + from,
                "early/late"), out);
    }

    /** One row per transform, size and memory kind: scalar beside SIMD. */
    public static Table transforms(List<TransformRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (TransformRow r : rows) {
            out.add(List.of(r.transform().method(), r.transform().usedBy(), r.transform().describe(), Figures.sizeLabel(r.size()),
                    Figures.memoryLabel(r.memory()), f4(r.scalarNs()), f4(r.vectorNs()), f1(r.vectorGBs()), ratio(r.vectorSpeedup())));
        }
        return new Table(List.of("transform", "run by", "bytes per element", "size", "memory", "scalar ns/el", "SIMD ns/el",
                "SIMD GB/s", "SIMD/scalar"), out);
    }

    /** SWATS's SIMD and scalar steps per size and memory kind beside its index-order sums alone in the plain loop. */
    public static Table swatsFloor(List<SwatsFloorRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SwatsFloorRow r : rows) {
            StepRow s = r.step();
            out.add(List.of(Figures.sizeLabel(s.size()), Figures.memoryLabel(s.memory()), f4(r.floorNs()), f4(s.vectorNs()),
                    f4(s.scalarNs()), ratio(r.vectorOverFloor()), ratio(s.vectorSpeedup()), ratio(r.speedupCap()),
                    pct(s.vectorPercent()), pct(r.percentCap())));
        }
        return new Table(List.of("size", "memory", "sums alone ns/el", "SIMD ns/el", "scalar ns/el", "SIMD/sums", "SIMD/scalar",
                "scalar/sums (cap)", "SIMD % bw", "sums % bw (cap)"), out);
    }

    static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String f1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "n/a";
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", v) : "n/a";
    }

    static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f×", v) : "n/a";
    }

    /** Plain number for people, as elsewhere in the report. */
    static String num(double v) {
        return Xml.num(v);
    }
}
