package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.RuleTraffic;
import dev.gradus.bench.Traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the thread and multi-tensor results into the report's figures: speed-ups, rooflines, ratios. */
public final class ScalingFigures {
    private ScalingFigures() {
    }

    /** One row per rule and size of {@code d.steps()}, in rule order, then by size. */
    public static List<ScalingRow> rows(ThreadData d, List<ProbeResult> probes) {
        record Key(String rule, long size) {
        }
        Map<Key, ThreadResult[]> pairs = new LinkedHashMap<>();
        for (ThreadResult r : d.steps()) {
            if (r.threads() == 1 || r.threads() == 2) {
                pairs.computeIfAbsent(new Key(r.rule(), r.size()), k -> new ThreadResult[2])[r.threads() - 1] = r;
            }
        }
        List<ScalingRow> rows = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            Key k = e.getKey();
            Traffic t = RuleTraffic.find(k.rule()).orElse(null);
            Probe p = t == null ? null : Probe.matching(t);
            double one = p == null ? Double.NaN : Figures.bestBandwidth(probes, p, k.size());
            double two = p == null ? Double.NaN : twoThreadBandwidth(d.probes(), p, k.size());
            rows.add(new ScalingRow(k.rule(), k.size(), t, p, e.getValue()[0], e.getValue()[1], one, two));
        }
        rows.sort(Comparator.comparingInt((ScalingRow r) -> Figures.ruleOrder(r.rule())).thenComparing(ScalingRow::rule)
                .thenComparingLong(ScalingRow::size));
        return rows;
    }

    /** The GB/s {@code probe} reached at {@code size} on two threads; NaN if not measured. */
    public static double twoThreadBandwidth(List<ThreadProbeResult> probes, Probe probe, long size) {
        return probes.stream().filter(r -> r.probe() == probe && r.size() == size && r.threads() == 2)
                .mapToDouble(ThreadProbeResult::gbPerSecond).max().orElse(Double.NaN);
    }

    /** The largest size of the rows, or -1 without rows. */
    public static long largestSize(List<ScalingRow> rows) {
        return rows.stream().mapToLong(ScalingRow::size).max().orElse(-1);
    }

    /** The results in table order: by threads, {@link MultiTensorResult#FLAT} first, then by layout name. */
    public static List<MultiTensorResult> multiTensor(List<MultiTensorResult> results) {
        return results.stream().sorted(Comparator.comparingInt(MultiTensorResult::threads)
                .thenComparing(r -> !r.layout().equals(MultiTensorResult.FLAT))
                .thenComparing(MultiTensorResult::layout)).toList();
    }

    /**
     * ns per element of {@code r} ÷ ns per element of {@link MultiTensorResult#FLAT} at the same
     * thread count: what the layout costs over one flat parameter (1 is free); NaN if the flat
     * layout was not measured. Per element because 1000 × 1024 floats are 2.3% fewer than 2²⁰.
     */
    public static double ratioToFlat(List<MultiTensorResult> results, MultiTensorResult r) {
        return results.stream().filter(f -> f.layout().equals(MultiTensorResult.FLAT) && f.threads() == r.threads())
                .mapToDouble(f -> r.nsPerElement() / f.nsPerElement()).findFirst().orElse(Double.NaN);
    }
}
