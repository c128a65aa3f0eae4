package dev.gradus.bench.output;

import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.SvgChart;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.results.BenchFindings;
import dev.gradus.bench.results.BenchPlots;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.ScalingFindings;
import dev.gradus.bench.results.ScalingRow;
import dev.gradus.bench.results.ScalingTables;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.StepRow;
import dev.gradus.bench.results.StepTables;
import dev.gradus.bench.results.TransformRow;

import java.util.List;
import java.util.Map;

import static dev.gradus.bench.charts.Xml.esc;

/**
 * The report as one self-contained XHTML page: inline CSS and inline SVG charts, no scripts, no
 * fonts or other external resources. The markup is well-formed XML.
 */
public final class HtmlPage {
    private HtmlPage() {
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px auto; max-width: 1100px; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9em; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
            .chart { display: block; margin: 8px 0; border: 1px solid #eee; max-width: 100%; height: auto; }
            .status { font-weight: bold; } .pending, .not-available { color: #a15c00; }
            .finding { background: #f6f9ff; border-left: 3px solid #1f77b4; padding: 4px 8px; margin: 4px 0; }
            .note { color: #555; }
            """;

    public static String render(ReportData d, List<String> files) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>Gradus benchmark report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Gradus benchmark report</h1>\n");
        p(b, "Generated " + d.generated() + ", profile " + d.profile() + ". " + d.coverage());
        if (!d.notes().isEmpty()) {
            b.append("<ul class=\"note\">\n");
            d.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<h2>Machine</h2>\n<table>\n");
        for (Map.Entry<String, String> e : d.machine().asMap().entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td style=\"text-align:left\">").append(esc(e.getValue()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
        bench(b, d);
        threads(b, d);
        d.raceResult().ifPresentOrElse(r -> race(b, r), () -> {
            b.append("<h2>Convergence race</h2>\n");
            p(b, "Not run in this report (--no-race).");
        });
        b.append("<h2>Files</h2>\n");
        p(b, "Every figure of this page as data, beside it:");
        b.append("<ul>\n");
        files.forEach(f -> b.append("<li>").append(esc(f)).append("</li>\n"));
        b.append("</ul>\n");
        b.append("<h2>Data</h2>\n");
        p(b, "The race uses the UCI \"Optical Recognition of Handwritten Digits\" test set (1797 8×8 images), "
                + "by E. Alpaydin and C. Kaynak (Bogazici University), 1998, licensed CC BY 4.0 by the UCI Machine Learning "
                + "Repository; the copy shipped in Debian's python3-sklearn 1.2.1, unchanged.");
        return b.append("</body>\n</html>\n").toString();
    }

    private static void bench(StringBuilder b, ReportData d) {
        b.append("<h2>Optimizer steps</h2>\n");
        List<StepRow> rows = d.rows();
        if (rows.isEmpty()) {
            p(b, "No step benchmarks in this report (--no-bench).");
            return;
        }
        p(b, "One JMH fork per rule, size, kernel set and memory kind (float[] through heap segments, or 64-byte-aligned "
                + "native segments). ns/el: nanoseconds per element of one step. GB/s: the bytes the rule reads and writes "
                + "per element in one fused pass (spec §M) ÷ ns per element. % bw: that ÷ the best bandwidth (over memory "
                + "kinds) that the probe with the closest read/write mix measured at the same size in this run; the dashed "
                + "roofline in each chart. SIMD/scalar: scalar time ÷ SIMD time.");
        b.append("<h3>Memory bandwidth probes</h3>\n");
        p(b, "triad: a ← b + s·c (8 B read, 4 B written per element, counted as STREAM counts); copy4r3w: three "
                + "buffers updated in place from a fourth, as in an Adam step (16 B read, 12 B written). Vector API loops.");
        table(b, StepTables.probes(d.probes()));
        for (Plot plot : BenchPlots.all(d)) {
            if (plot.id().startsWith("throughput-")) {
                String rule = plot.id().substring("throughput-".length());
                b.append("<h3>").append(esc(rule)).append("</h3>\n");
                b.append(SvgChart.render(plot));
                table(b, StepTables.rule(rule, rows));
            } else {
                b.append("<h3>SIMD vs scalar</h3>\n");
                b.append(SvgChart.render(plot));
            }
        }
        if (!d.transforms().isEmpty()) {
            b.append("<h3>Gradient transforms</h3>\n");
            p(b, "The kernels of " + Console.transformsWhy() + ". " + TransformRow.finding(d.transformRows()));
            table(b, StepTables.transforms(d.transformRows()));
        }
        if (!d.swatsFloorRows().isEmpty()) {
            b.append("<h3>SWATS's sums in the plain loop</h3>\n");
            p(b, "SWATS's steps beside " + Console.swatsFloorWhy() + ".");
            table(b, StepTables.swatsFloor(d.swatsFloorRows()));
        }
        if (!d.late().isEmpty()) {
            b.append("<h3>Late in a run</h3>\n");
            p(b, "One JMH fork per rule and memory kind, SIMD kernels: " + Console.lateWhy(d) + ".");
            table(b, StepTables.late(d.lateRows()));
        }
        b.append("<h3>In short</h3>\n");
        BenchFindings.of(d).forEach(f -> b.append("<p class=\"finding\">").append(esc(f)).append("</p>\n"));
    }

    private static void threads(StringBuilder b, ReportData d) {
        ThreadData t = d.threads();
        if (t.isEmpty()) {
            return;
        }
        b.append("<h2>Threads and many parameters</h2>\n");
        p(b, "A whole Optimizer.step() (the vector kernels where they run) over one parameter in 64-byte-aligned native memory, "
                + "single-threaded (1T) and split over a StepPool of two threads with no size threshold (2T), at the sizes from "
                + "the default parallel threshold up. Speed-up: 1T ns ÷ 2T ns (2 would be perfect). GB/s: the rule's bytes per "
                + "element (spec §M) ÷ ns per element. % roofline, at the largest size: that ÷ the roofline on as many threads, "
                + "the GB/s of the probe with the closest read/write mix: on 1 thread the best memory kind of the probes above, "
                + "on 2 threads the same loop run by two threads at once, each streaming its own half in its own native "
                + "buffers (GB/s: the probe's bytes per element × all elements ÷ the time of one call of one thread).");
        if (!t.probes().isEmpty()) {
            b.append("<h3>Rooflines on 1 and 2 threads</h3>\n");
            table(b, ScalingTables.rooflines(t.probes(), d.probes()));
        }
        List<ScalingRow> rows = d.scalingRows();
        if (!rows.isEmpty()) {
            b.append("<h3>Whole step on 1 and 2 threads</h3>\n");
            table(b, ScalingTables.scaling(rows));
        }
        if (!t.multiTensor().isEmpty()) {
            b.append("<h3>Many parameters</h3>\n");
            p(b, "An Adam step over about a million floats: as one parameter of 1,048,576 (1x1048576), as 1000 separate float[] of 1024 "
                    + "(1000x1024), and as 1000 views of one ParameterLayout block (1000x1024/block); single-threaded, or a "
                    + "StepPool of two threads with the default threshold. Ratio: ns per element ÷ that of 1x1048576 on as many "
                    + "threads (per element, as 1000 × 1024 is 2.3% less than 1,048,576).");
            table(b, ScalingTables.multiTensor(t.multiTensor()));
        }
        b.append("<h3>In short</h3>\n");
        ScalingFindings.of(t, d.probes()).forEach(f -> b.append("<p class=\"finding\">").append(esc(f)).append("</p>\n"));
    }

    private static void race(StringBuilder b, RaceResult r) {
        b.append("<h2>Convergence race</h2>\n");
        p(b, r.data() + ". Every optimizer at its usual learning rate (the rule's default, or 0.01 when it has none, as SGD), "
                + r.settings().epochs() + " epochs, batches of " + r.settings().batchSize() + ", seed " + r.settings().seed()
                + " (the same initial weights and mini-batch order for every optimizer), through Optimizer with the "
                + r.kernels() + " kernels. Loss: mean cross-entropy over the whole training set after each epoch. "
                + "Wall time: the training steps only (gradients and optimizer steps), one thread.");
        for (Plot plot : r.plots()) {
            b.append(SvgChart.render(plot));
        }
        table(b, r.summary());
        r.findings().forEach(f -> b.append("<p class=\"finding\">").append(esc(f)).append("</p>\n"));
        b.append("<h2>The papers' claims, measured</h2>\n");
        for (ClaimResult c : r.claims()) {
            b.append("<h3>(").append(esc(c.id())).append(") ").append(esc(c.title())).append("</h3>\n");
            String cls = c.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            b.append("<p class=\"status ").append(cls).append("\">").append(esc(c.status() == ClaimResult.Status.MEASURED
                    ? "Measured." : c.status() == ClaimResult.Status.PENDING ? "Pending." : "Not available.")).append("</p>\n");
            if (c.status() == ClaimResult.Status.MEASURED) {
                p(b, c.setup());
            }
            for (Plot plot : c.plots()) {
                b.append(SvgChart.render(plot));
            }
            if (!c.table().isEmpty()) {
                table(b, c.table());
            }
            c.findings().forEach(f -> b.append("<p class=\"finding\">").append(esc(f)).append("</p>\n"));
        }
    }

    private static void p(StringBuilder b, String text) {
        b.append("<p>").append(esc(text)).append("</p>\n");
    }

    static void table(StringBuilder b, Table t) {
        b.append("<table>\n<tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
