package dev.gradus.bench.output;

import dev.gradus.bench.Traffic;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.results.Figures;
import dev.gradus.bench.results.MultiTensorResult;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.ScalingFigures;
import dev.gradus.bench.results.ScalingFindings;
import dev.gradus.bench.results.ScalingRow;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.ThreadProbeResult;
import dev.gradus.bench.results.ThreadResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gradus.bench.output.ReportFiles.g;

/**
 * The thread and multi-tensor part of the report as data: the CSV files {@code scaling.csv} (one
 * line per rule and size: both thread counts, speed-up, rooflines), {@code thread-probes.csv} (the
 * 2-thread probes beside the 1-thread roofline) and {@code multi-tensor.csv}, and the
 * {@code threads} object of {@code report.json}, with the same figures.
 */
final class ThreadFiles {
    private ThreadFiles() {
    }

    /** The CSV tables by file name; none when nothing was measured. */
    static Map<String, Table> tables(ReportData d) {
        Map<String, Table> m = new LinkedHashMap<>();
        ThreadData t = d.threads();
        if (!t.steps().isEmpty()) {
            m.put("scaling.csv", scaling(d.scalingRows()));
        }
        if (!t.probes().isEmpty()) {
            m.put("thread-probes.csv", probes(d));
        }
        if (!t.multiTensor().isEmpty()) {
            m.put("multi-tensor.csv", multiTensor(t.multiTensor()));
        }
        return m;
    }

    static Table scaling(List<ScalingRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (ScalingRow r : rows) {
            out.add(List.of(r.rule(), Long.toString(r.size()), r.traffic() == null ? "" : Traffic.bytes(r.traffic().readBytes()),
                    r.traffic() == null ? "" : Traffic.bytes(r.traffic().writeBytes()), g(r.oneNs()), g(r.twoNs()), g(r.speedup()),
                    g(r.oneGBs()), g(r.twoGBs()), r.probe() == null ? "" : r.probe().method(), g(r.roofline1()), g(r.roofline2()),
                    g(r.onePercent()), g(r.twoPercent()), g(r.one() == null ? Double.NaN : r.one().spread()),
                    g(r.two() == null ? Double.NaN : r.two().spread())));
        }
        return new Table(List.of("rule", "size", "read_bytes", "write_bytes", "ns_per_element_1t", "ns_per_element_2t", "speedup",
                "gb_per_s_1t", "gb_per_s_2t", "probe", "roofline_gb_per_s_1t", "roofline_gb_per_s_2t", "percent_of_roofline_1t",
                "percent_of_roofline_2t", "iteration_spread_1t", "iteration_spread_2t"), out);
    }

    static Table probes(ReportData d) {
        List<List<String>> out = new ArrayList<>();
        for (ThreadProbeResult p : d.threads().probes()) {
            out.add(List.of(p.probe().method(), Long.toString(p.size()), Integer.toString(p.threads()), g(p.nsPerCall()),
                    g(p.errorNs()), g(p.gbPerSecond()), g(Figures.bestBandwidth(d.probes(), p.probe(), p.size())), g(p.spread())));
        }
        return new Table(List.of("probe", "size", "threads", "ns_per_call", "ns_error_999", "gb_per_s", "gb_per_s_1t",
                "iteration_spread"), out);
    }

    static Table multiTensor(List<MultiTensorResult> results) {
        List<List<String>> out = new ArrayList<>();
        for (MultiTensorResult r : ScalingFigures.multiTensor(results)) {
            out.add(List.of(r.layout(), Integer.toString(r.threads()), Integer.toString(r.parameters()), Long.toString(r.elements()),
                    g(r.nsPerCall()), g(r.errorNs()), g(r.nsPerElement()), g(ScalingFigures.ratioToFlat(results, r)), g(r.spread())));
        }
        return new Table(List.of("layout", "threads", "parameters", "elements", "ns_per_step", "ns_error_999", "ns_per_element",
                "ratio_to_" + MultiTensorResult.FLAT, "iteration_spread"), out);
    }

    /** The {@code threads} object of report.json. */
    static Map<String, Object> json(ReportData d) {
        ThreadData t = d.threads();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> steps = new ArrayList<>();
        for (ThreadResult s : t.steps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", s.rule());
            x.put("size", s.size());
            x.put("threads", s.threads());
            x.put("nsPerStep", s.nsPerCall());
            x.put("nsError999", s.errorNs());
            x.put("nsPerElement", s.nsPerElement());
            x.put("iterationSpread", s.spread());
            steps.add(x);
        }
        m.put("steps", steps);
        List<Object> probes = new ArrayList<>();
        for (ThreadProbeResult p : t.probes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("probe", p.probe().method());
            x.put("size", p.size());
            x.put("threads", p.threads());
            x.put("readBytes", p.probe().traffic().readBytes());
            x.put("writeBytes", p.probe().traffic().writeBytes());
            x.put("nsPerCall", p.nsPerCall());
            x.put("nsError999", p.errorNs());
            x.put("gbPerSecond", p.gbPerSecond());
            x.put("oneThreadGbPerSecond", Figures.bestBandwidth(d.probes(), p.probe(), p.size()));
            x.put("iterationSpread", p.spread());
            probes.add(x);
        }
        m.put("probes", probes);
        List<Object> figures = new ArrayList<>();
        for (ScalingRow r : d.scalingRows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", r.rule());
            x.put("size", r.size());
            x.put("readBytes", r.traffic() == null ? null : r.traffic().readBytes());
            x.put("writeBytes", r.traffic() == null ? null : r.traffic().writeBytes());
            x.put("oneThreadNsPerElement", r.oneNs());
            x.put("twoThreadNsPerElement", r.twoNs());
            x.put("speedup", r.speedup());
            x.put("oneThreadGBs", r.oneGBs());
            x.put("twoThreadGBs", r.twoGBs());
            x.put("probe", r.probe() == null ? null : r.probe().method());
            x.put("oneThreadRooflineGBs", r.roofline1());
            x.put("twoThreadRooflineGBs", r.roofline2());
            x.put("oneThreadPercentOfRoofline", r.onePercent());
            x.put("twoThreadPercentOfRoofline", r.twoPercent());
            x.put("unsteady", r.unsteady());
            figures.add(x);
        }
        m.put("figures", figures);
        List<Object> multi = new ArrayList<>();
        for (MultiTensorResult r : ScalingFigures.multiTensor(t.multiTensor())) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("layout", r.layout());
            x.put("threads", r.threads());
            x.put("parameters", r.parameters());
            x.put("elements", r.elements());
            x.put("nsPerStep", r.nsPerCall());
            x.put("nsError999", r.errorNs());
            x.put("microsPerStep", r.microsPerStep());
            x.put("nsPerElement", r.nsPerElement());
            x.put("ratioToFlat", ScalingFigures.ratioToFlat(t.multiTensor(), r));
            x.put("iterationSpread", r.spread());
            multi.add(x);
        }
        m.put("multiTensor", multi);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("speedupSize", ScalingFindings.SPEEDUP_SIZE);
        targets.put("speedup", ScalingFindings.SPEEDUP_TARGET);
        targets.put("layoutRatio", ScalingFindings.LAYOUT_TARGET);
        targets.put("rooflinePercent", ScalingFindings.ROOFLINE_TARGET);
        m.put("targets", targets);
        m.put("findings", t.isEmpty() ? List.of() : ScalingFindings.of(t, d.probes()));
        return m;
    }
}
