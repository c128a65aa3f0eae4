package dev.gradus.bench.output;

import dev.gradus.bench.StepBench;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.results.BenchFindings;
import dev.gradus.bench.results.Figures;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.ScalingFindings;
import dev.gradus.bench.results.ScalingRow;
import dev.gradus.bench.results.ScalingTables;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.TransformRow;
import dev.gradus.bench.results.StepRow;
import dev.gradus.bench.results.StepTables;

import java.io.PrintStream;
import java.util.Locale;
import java.util.List;

/** The report as text tables on the console. */
public final class Console {
    private Console() {
    }

    /** What the late table shows, for the console and the page. */
    static String lateWhy(ReportData d) {
        long from = d.late().isEmpty() ? 0 : d.late().get(0).fromStep();
        return String.format(Locale.ROOT, "the same step from step %d and from step %,d, where the bias corrections of the Adam "
                + "family have rounded to 1 and its kernels leave that division out; early/late: how much faster late",
                StepBench.FIRST_STEP, from);
    }

    /** What the transforms table shows, for the console and the page. */
    static String transformsWhy() {
        return "what a step runs besides the rule when a gradient clip, gradient centralisation or a non-finite policy is set, over one gradient "
                + "(NormBench; the optimizer runs the norms and the check in chunks of 65,536, centralisation per row). Over float[] "
                + "add, scale and clamp run the same array loop in both kernel sets (C2 vectorizes it with aligned stores), so "
                + "their ratio there is the run's noise";
    }

    /** What the table of SWATS beside its sums in the plain loop shows, for the console and the page. */
    static String swatsFloorWhy() {
        return "the two dot products alone in the plain loop (SwatsSumsBench on float[]): each a chain of float additions in "
                + "index order, its default sums and the golden files' bits, which the kernel's three stages cannot beat; its blocks "
                + "in whole units add the same bits without the chains where the sums grow steadily, as here. SIMD/sums: below 1 "
                + "where the kernel beat the chains; scalar/sums: what SIMD/scalar would be at the chains' speed; sums % bw: "
                + "the share of the probe a step as fast as the chains would reach";
    }

    public static void print(ReportData d, PrintStream out) {
        List<StepRow> rows = d.rows();
        if (!d.probes().isEmpty()) {
            out.println();
            out.println("Memory bandwidth probes");
            out.print(text(StepTables.probes(d.probes())));
        }
        for (String rule : Figures.rules(rows)) {
            out.println();
            StepRow first = rows.stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
            out.println(rule + " (" + (first.traffic() == null ? "no traffic entry" : first.traffic().describe() + " per element")
                    + (first.probe() == null ? "" : ", compared with the " + first.probe().method() + " probe") + ")");
            out.print(text(StepTables.rule(rule, rows)));
        }
        if (!rows.isEmpty()) {
            out.println();
            BenchFindings.of(d).forEach(f -> out.println("  " + f));
        }
        if (!d.transforms().isEmpty()) {
            out.println();
            out.println("Gradient transforms (" + transformsWhy() + ")");
            out.print(text(StepTables.transforms(d.transformRows())));
            out.println("  " + TransformRow.finding(d.transformRows()));
        }
        if (!d.swatsFloorRows().isEmpty()) {
            out.println();
            out.println("SWATS's sums in the plain loop (" + swatsFloorWhy() + ")");
            out.print(text(StepTables.swatsFloor(d.swatsFloorRows())));
        }
        if (!d.late().isEmpty()) {
            out.println();
            out.println("Late in a run (SIMD; " + lateWhy(d) + ")");
            out.print(text(StepTables.late(d.lateRows())));
        }
        threads(d, out);
        d.raceResult().ifPresent(r -> race(r, out));
    }

    private static void threads(ReportData d, PrintStream out) {
        ThreadData t = d.threads();
        if (!t.probes().isEmpty()) {
            out.println();
            out.println("Rooflines on 1 and 2 threads (native memory on 2; GB/s = bytes per element × elements ÷ time of one call)");
            out.print(text(ScalingTables.rooflines(t.probes(), d.probes())));
        }
        List<ScalingRow> rows = d.scalingRows();
        if (!rows.isEmpty()) {
            out.println();
            out.println("Whole step on 1 and 2 threads (Optimizer.step(), native memory; speed-up = 1T ns ÷ 2T ns; "
                    + "% roofline at the largest size)");
            out.print(text(ScalingTables.scaling(rows)));
        }
        if (!t.multiTensor().isEmpty()) {
            out.println();
            out.println("Multi-tensor Adam step (about 1M floats; ns per element ÷ that of one flat parameter on as many threads)");
            out.print(text(ScalingTables.multiTensor(t.multiTensor())));
        }
        if (!t.isEmpty()) {
            out.println();
            ScalingFindings.of(t, d.probes()).forEach(f -> out.println("  " + f));
        }
    }

    private static void race(RaceResult r, PrintStream out) {
        out.println();
        out.println("Convergence race: " + r.data() + "; kernels " + r.kernels());
        out.print(text(r.summary()));
        r.findings().forEach(f -> out.println("  " + f));
        for (ClaimResult c : r.claims()) {
            out.println();
            out.println("(" + c.id() + ") " + c.title());
            if (!c.table().isEmpty()) {
                out.print(text(c.table()));
            }
            c.findings().forEach(f -> out.println("  " + f));
        }
    }

    /** Columns padded to their widest cell, first column left-aligned, others right-aligned. */
    public static String text(Table t) {
        int[] w = new int[t.header().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = t.header().get(i).length();
            for (List<String> r : t.rows()) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        row(b, t.header(), w);
        for (List<String> r : t.rows()) {
            row(b, r, w);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<String> cells, int[] w) {
        b.append(' ');
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            b.append(' ').append(i == 0 ? c + pad : pad + c).append(' ');
        }
        b.append('\n');
    }
}
