package dev.gradus.bench.results;

import dev.gradus.bench.charts.Xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the thread and multi-tensor benchmarks show, against their targets, as sentences computed from the results. */
public final class ScalingFindings {
    private ScalingFindings() {
    }

    /** The size at which the 2-thread speed-up is judged. */
    public static final long SPEEDUP_SIZE = 1 << 20;
    /** Target: 2 threads at least this much faster than one at {@link #SPEEDUP_SIZE}. */
    public static final double SPEEDUP_TARGET = 1.7;
    /** Target: many small parameters at most this much slower than one flat parameter of the same floats. */
    public static final double LAYOUT_TARGET = 1.3;
    /** Target: % of the roofline at the largest size. */
    public static final double ROOFLINE_TARGET = 90;

    /** The findings: speed-up at 1M, layout ratios, rules near the roofline, then a warning naming every unsteady result. */
    public static List<String> of(ThreadData d, List<ProbeResult> probes) {
        List<ScalingRow> rows = ScalingFigures.rows(d, probes);
        List<String> out = new ArrayList<>();
        if (!rows.isEmpty()) {
            out.add(speedup(rows));
            out.add(roofline(rows));
        }
        if (!d.multiTensor().isEmpty()) {
            out.add(layouts(d.multiTensor()));
        }
        List<String> unsteady = new ArrayList<>();
        d.steps().stream().filter(ThreadResult::unsteady).forEach(s -> unsteady.add(String.format(Locale.ROOT, "%s %s %dT (%s×)",
                s.rule(), Figures.sizeLabel(s.size()), s.threads(), Xml.num(s.spread()))));
        d.probes().stream().filter(ThreadProbeResult::unsteady).forEach(p -> unsteady.add(String.format(Locale.ROOT,
                "probe %s %s %dT (%s×)", p.probe().method(), Figures.sizeLabel(p.size()), p.threads(), Xml.num(p.spread()))));
        d.multiTensor().stream().filter(MultiTensorResult::unsteady).forEach(m -> unsteady.add(String.format(Locale.ROOT,
                "multi-tensor %s %dT (%s×)", m.layout(), m.threads(), Xml.num(m.spread()))));
        if (!unsteady.isEmpty()) {
            out.add("Unsteady: the measured iterations of " + unsteady.size() + " thread result(s) differ by more than "
                    + Xml.num(Measured.UNSTEADY) + "×; treat them with care: " + String.join(", ", unsteady) + ".");
        }
        return out;
    }

    /** "2 threads at 1M: speed-up adam 1.8×, diffgrad 1.5× (target ≥ 1.7×: met by 1 of 2 rule(s))." */
    static String speedup(List<ScalingRow> rows) {
        String at = Figures.sizeLabel(SPEEDUP_SIZE);
        List<ScalingRow> rs = rows.stream().filter(r -> r.size() == SPEEDUP_SIZE && Double.isFinite(r.speedup())).toList();
        if (rs.isEmpty()) {
            return "2 threads at " + at + ": not measured (sizes " + String.join(", ", rows.stream().map(ScalingRow::size)
                    .distinct().sorted().map(Figures::sizeLabel).toList()) + "; --thorough measures " + at + ").";
        }
        long met = rs.stream().filter(r -> r.speedup() >= SPEEDUP_TARGET).count();
        return "2 threads at " + at + ": speed-up " + String.join(", ", rs.stream().map(r -> r.rule() + " "
                + Xml.num(r.speedup()) + "×").toList()) + " (target ≥ " + Xml.num(SPEEDUP_TARGET) + "×: met by " + met
                + " of " + rs.size() + " rule(s)).";
    }

    /** "At 16M, ≥ 90% of the roofline: on 1 thread adam (93%); on 2 threads none (best diffgrad, 71%); of 2 rule(s)." */
    static String roofline(List<ScalingRow> rows) {
        long size = ScalingFigures.largestSize(rows);
        List<ScalingRow> rs = rows.stream().filter(r -> r.size() == size).toList();
        return "At " + Figures.sizeLabel(size) + ", ≥ " + Xml.num(ROOFLINE_TARGET) + "% of the roofline: on 1 thread "
                + reaching(rs, true) + "; on 2 threads " + reaching(rs, false) + "; of " + rs.size() + " rule(s).";
    }

    private static String reaching(List<ScalingRow> rs, boolean one) {
        List<ScalingRow> measured = rs.stream().filter(r -> Double.isFinite(one ? r.onePercent() : r.twoPercent())).toList();
        if (measured.isEmpty()) {
            return "not measured (no roofline)";
        }
        List<String> hits = measured.stream().filter(r -> (one ? r.onePercent() : r.twoPercent()) >= ROOFLINE_TARGET)
                .map(r -> String.format(Locale.ROOT, "%s (%.0f%%)", r.rule(), one ? r.onePercent() : r.twoPercent())).toList();
        if (!hits.isEmpty()) {
            return String.join(", ", hits);
        }
        ScalingRow best = measured.stream().max(Comparator.comparingDouble(r -> one ? r.onePercent() : r.twoPercent())).orElseThrow();
        return String.format(Locale.ROOT, "none (best %s, %.0f%%)", best.rule(), one ? best.onePercent() : best.twoPercent());
    }

    /** "1000x1024 ÷ 1x1048576 (target ≤ 1.3×): 1000x1024 1.1× on 1 thread (met), 1.5× on 2 threads (missed); …." */
    static String layouts(List<MultiTensorResult> results) {
        List<String> parts = new ArrayList<>();
        List<MultiTensorResult> sorted = ScalingFigures.multiTensor(results);
        for (String layout : sorted.stream().map(MultiTensorResult::layout).filter(l -> !l.equals(MultiTensorResult.FLAT))
                .distinct().sorted().toList()) {
            List<String> per = new ArrayList<>();
            for (MultiTensorResult r : sorted) {
                double ratio = ScalingFigures.ratioToFlat(results, r);
                if (r.layout().equals(layout) && Double.isFinite(ratio)) {
                    per.add(Xml.num(ratio) + "× on " + r.threads() + (r.threads() == 1 ? " thread" : " threads")
                            + (ratio <= LAYOUT_TARGET ? " (met)" : " (missed)"));
                }
            }
            if (!per.isEmpty()) {
                parts.add(describe(layout) + " " + String.join(", ", per));
            }
        }
        if (parts.isEmpty()) {
            return "Multi-tensor: no ratio to " + MultiTensorResult.FLAT + " (it was not measured).";
        }
        return "Multi-tensor Adam, ns per element ÷ that of one " + MultiTensorResult.FLAT + " parameter (target ≤ " + Xml.num(LAYOUT_TARGET)
                + "×): " + String.join("; ", parts) + ".";
    }

    private static String describe(String layout) {
        return layout.endsWith("/block") ? layout.replace("/block", "") + " as one ParameterLayout block"
                : layout + " as separate float[]";
    }
}
