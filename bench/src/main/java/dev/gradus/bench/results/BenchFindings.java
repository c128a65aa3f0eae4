package dev.gradus.bench.results;

import dev.gradus.bench.charts.Xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the step benchmarks show, as sentences computed from the rows (nothing pre-written). */
public final class BenchFindings {
    private BenchFindings() {
    }

    /** The findings of the report's step rows, then a warning naming every unsteady result of its single-thread runs. */
    public static List<String> of(ReportData d) {
        return of(d.rows(), d.steps(), d.probes(), d.transforms(), d.swatsFloor());
    }

    /** The findings of the rows, then a warning naming every unsteady result. */
    public static List<String> of(List<StepRow> rows, List<StepResult> steps, List<ProbeResult> probes,
                                  List<TransformResult> transforms, List<SwatsFloorResult> floor) {
        List<String> out = of(rows);
        List<String> unsteady = new ArrayList<>();
        steps.stream().filter(StepResult::unsteady).forEach(s -> unsteady.add(String.format(Locale.ROOT, "%s %s %s %s (%s×)",
                s.rule(), Figures.sizeLabel(s.size()), Figures.kernelsLabel(s.kernels()), Figures.memoryLabel(s.memory()),
                Xml.num(s.spread()))));
        probes.stream().filter(ProbeResult::unsteady).forEach(p -> unsteady.add(String.format(Locale.ROOT, "probe %s %s %s (%s×)",
                p.probe().method(), Figures.sizeLabel(p.size()), Figures.memoryLabel(p.memory()), Xml.num(p.spread()))));
        transforms.stream().filter(TransformResult::unsteady).forEach(t -> unsteady.add(String.format(Locale.ROOT, "%s %s %s %s (%s×)",
                t.transform().method(), Figures.sizeLabel(t.size()), Figures.kernelsLabel(t.kernels()),
                Figures.memoryLabel(t.memory()), Xml.num(t.spread()))));
        floor.stream().filter(SwatsFloorResult::unsteady).forEach(f -> unsteady.add(String.format(Locale.ROOT,
                "SWATS's sums alone %s (%s×)", Figures.sizeLabel(f.size()), Xml.num(f.spread()))));
        if (!unsteady.isEmpty()) {
            out.add("Unsteady: the measured iterations of " + unsteady.size() + " result(s) differ by more than "
                    + Xml.num(Measured.UNSTEADY) + "× (a busy machine, or code still compiling); treat them with care: "
                    + String.join(", ", unsteady) + ".");
        }
        return out;
    }

    public static List<String> of(List<StepRow> rows) {
        List<String> out = new ArrayList<>();
        for (long size : Figures.sizes(rows)) {
            for (String memory : rows.stream().map(StepRow::memory).distinct().sorted().toList()) {
                List<StepRow> rs = rows.stream().filter(r -> r.size() == size && r.memory().equals(memory)).toList();
                double[] ratios = rs.stream().mapToDouble(StepRow::vectorSpeedup).filter(Double::isFinite).sorted().toArray();
                if (ratios.length == 0) {
                    continue;
                }
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s, %s: SIMD/scalar %s× (median over %d rule(s); %s× to %s×)",
                        Figures.sizeLabel(size), Figures.memoryLabel(memory), Xml.num(median(ratios)), ratios.length,
                        Xml.num(ratios[0]), Xml.num(ratios[ratios.length - 1])));
                rs.stream().filter(r -> Double.isFinite(r.vectorPercent()))
                        .max(Comparator.comparingDouble(StepRow::vectorPercent))
                        .ifPresent(best -> b.append(String.format(Locale.ROOT,
                                "; the highest share of the matching probe's bandwidth: %s at %s GB/s, %.0f%%",
                                best.rule(), Xml.num(best.vectorGBs()), best.vectorPercent())));
                long slower = Arrays.stream(ratios).filter(v -> v < 1).count();
                if (slower > 0) {
                    b.append("; SIMD slower than scalar for ").append(slower).append(" rule(s)");
                }
                out.add(b.append('.').toString());
            }
        }
        return out;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
