package dev.gradus.bench.results;

import dev.gradus.bench.charts.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.gradus.bench.results.StepTables.f1;
import static dev.gradus.bench.results.StepTables.f4;
import static dev.gradus.bench.results.StepTables.pct;
import static dev.gradus.bench.results.StepTables.ratio;

/** The thread and multi-tensor numbers as tables, shared by the console and the HTML page. */
public final class ScalingTables {
    private ScalingTables() {
    }

    /**
     * One row per rule and size: ns per element on 1 and 2 threads, the speed-up (1-thread time ÷
     * 2-thread time), the effective GB/s of each, and at the largest size (where the step streams
     * from DRAM) each in % of its own roofline; empty cells at the other sizes.
     */
    public static Table scaling(List<ScalingRow> rows) {
        long largest = ScalingFigures.largestSize(rows);
        List<List<String>> out = new ArrayList<>();
        for (ScalingRow r : rows) {
            boolean roof = r.size() == largest;
            out.add(List.of(r.rule(), Figures.sizeLabel(r.size()), f4(r.oneNs()), f4(r.twoNs()), ratio(r.speedup()),
                    f1(r.oneGBs()), f1(r.twoGBs()), roof ? pct(r.onePercent()) : "", roof ? pct(r.twoPercent()) : ""));
        }
        return new Table(List.of("rule", "size", "1T ns/el", "2T ns/el", "speed-up", "1T GB/s", "2T GB/s",
                "1T % roofline", "2T % roofline"), out);
    }

    /** The rooflines: each probe and size on one thread (best memory kind) and on two, and their ratio. */
    public static Table rooflines(List<ThreadProbeResult> twoThread, List<ProbeResult> oneThread) {
        List<List<String>> out = new ArrayList<>();
        twoThread.stream().sorted(Comparator.comparing(ThreadProbeResult::probe).thenComparingLong(ThreadProbeResult::size))
                .forEach(p -> {
                    double one = Figures.bestBandwidth(oneThread, p.probe(), p.size());
                    out.add(List.of(p.probe().method(), p.probe().traffic().describe(), Figures.sizeLabel(p.size()),
                            f1(one), f1(p.gbPerSecond()), ratio(p.gbPerSecond() / one)));
                });
        return new Table(List.of("probe", "bytes per element", "size", "1T GB/s", "2T GB/s", "2T ÷ 1T"), out);
    }

    /**
     * One row per layout and thread count: floats, µs per step, ns per element and the ratio of
     * ns per element to one flat parameter at the same thread count.
     */
    public static Table multiTensor(List<MultiTensorResult> results) {
        List<List<String>> out = new ArrayList<>();
        for (MultiTensorResult r : ScalingFigures.multiTensor(results)) {
            out.add(List.of(r.layout(), Integer.toString(r.threads()), Long.toString(r.elements()), f1(r.microsPerStep()),
                    f4(r.nsPerElement()), ratio(ScalingFigures.ratioToFlat(results, r))));
        }
        return new Table(List.of("layout", "threads", "floats", "µs/step", "ns/el", "ns/el ÷ " + MultiTensorResult.FLAT), out);
    }
}
