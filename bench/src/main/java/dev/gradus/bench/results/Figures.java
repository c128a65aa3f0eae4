package dev.gradus.bench.results;

import dev.gradus.bench.BenchRules;
import dev.gradus.bench.Probe;
import dev.gradus.bench.RuleTraffic;
import dev.gradus.bench.Traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns raw JMH results into the report's rows: ns per element, GB/s, % of bandwidth, SIMD/scalar. */
public final class Figures {
    private Figures() {
    }

    /** One row per rule, size and memory kind found in {@code steps}, in report order. */
    public static List<StepRow> rows(List<StepResult> steps, List<ProbeResult> probes) {
        record Key(String rule, long size, String memory) {
        }
        Map<Key, double[]> ns = new LinkedHashMap<>();
        for (StepResult s : steps) {
            double[] pair = ns.computeIfAbsent(new Key(s.rule(), s.size(), s.memory()), k -> new double[] {Double.NaN, Double.NaN});
            pair[s.kernels().equals("scalar") ? 0 : 1] = s.nsPerElement();
        }
        List<StepRow> rows = new ArrayList<>();
        for (var e : ns.entrySet()) {
            Key k = e.getKey();
            Traffic t = RuleTraffic.find(k.rule()).orElse(null);
            Probe p = t == null ? null : Probe.matching(t);
            double bw = p == null ? Double.NaN : bestBandwidth(probes, p, k.size());
            rows.add(new StepRow(k.rule(), k.size(), k.memory(), t, p, e.getValue()[0], e.getValue()[1], bw));
        }
        rows.sort(Comparator.comparingInt((StepRow r) -> ruleOrder(r.rule())).thenComparing(StepRow::rule)
                .thenComparingLong(StepRow::size).thenComparing(StepRow::memory));
        return rows;
    }

    /** The highest GB/s {@code probe} reached at {@code size} over the memory kinds measured; NaN if none. */
    public static double bestBandwidth(List<ProbeResult> probes, Probe probe, long size) {
        return probes.stream().filter(r -> r.probe() == probe && r.size() == size)
                .mapToDouble(ProbeResult::gbPerSecond).max().orElse(Double.NaN);
    }

    /** Rules in {@link BenchRules} order, then any others by name. */
    public static List<String> rules(List<StepRow> rows) {
        List<String> out = new ArrayList<>();
        rows.stream().map(StepRow::rule).distinct().forEach(out::add);
        return out;
    }

    public static List<Long> sizes(List<StepRow> rows) {
        return new ArrayList<>(new TreeSet<>(rows.stream().map(StepRow::size).toList()));
    }

    static int ruleOrder(String rule) {
        int i = new ArrayList<>(BenchRules.all().keySet()).indexOf(rule);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** 4096 → "4K", 16777216 → "16M". */
    public static String sizeLabel(long size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return size / (1 << 20) + "M";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return size / (1 << 10) + "K";
        }
        return Long.toString(size);
    }

    /** "array" → "float[]", "native" → "native". */
    public static String memoryLabel(String memory) {
        return memory.equals("array") ? "float[]" : memory;
    }

    /** "scalar" → "scalar", "vector" → "SIMD". */
    public static String kernelsLabel(String kernels) {
        return kernels.equals("vector") ? "SIMD" : kernels;
    }
}
