package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.charts.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speed-ups, rooflines, layout ratios and findings from made-up thread results, the expected values worked out by hand. */
class ScalingTest {

    private static final long M1 = 1_048_576, M16 = 16_777_216;

    /** ns per element → a ThreadResult of that many ns per step. */
    private static ThreadResult step(String rule, long size, int threads, double nsPerElement, double spread) {
        return new ThreadResult(rule, size, threads, nsPerElement * size, 0, spread);
    }

    private static final List<ProbeResult> ONE_THREAD = List.of(
            // copy4r3w, 28 B per element: 0.5 ns/el → 56 GB/s; the array kind is slower, the best counts.
            new ProbeResult(Probe.COPY_4R3W, M16, "native", 0.5 * M16, 0, 1.0),
            new ProbeResult(Probe.COPY_4R3W, M16, "array", 0.7 * M16, 0, 1.0),
            new ProbeResult(Probe.TRIAD, M16, "native", 0.1 * M16, 0, 1.0));

    private static ThreadData data(double spread) {
        return new ThreadData(List.of(
                // 1M: adam 0.56 → 0.32 (1.75×), diffgrad 0.72 → 0.48 (1.5×).
                step("adam", M1, 1, 0.56, 1.0), step("adam", M1, 2, 0.32, 1.0),
                step("diffgrad", M1, 1, 0.72, 1.0), step("diffgrad", M1, 2, 0.48, 1.0),
                // 16M: adam 28 B / 0.5 = 56 GB/s (100% of 56), 28 / 0.35 = 80 GB/s (80% of 100);
                // diffgrad 36 B / 0.8 = 45 GB/s (80.4%), 36 / 0.375 = 96 GB/s (96%).
                step("adam", M16, 1, 0.5, 1.0), step("adam", M16, 2, 0.35, spread),
                step("diffgrad", M16, 1, 0.8, 1.0), step("diffgrad", M16, 2, 0.375, 1.0)),
                // 2-thread copy4r3w at 16M: 28 B × 16M elements in 0.28 ns per element → 100 GB/s.
                List.of(new ThreadProbeResult(Probe.COPY_4R3W, M16, 2, 0.28 * M16, 0, 1.0)),
                List.of(new MultiTensorResult("1x1048576", 1, 0.3 * 1_048_576, 0, 1.0),
                        new MultiTensorResult("1000x1024", 1, 0.36 * 1_024_000, 0, 1.0),
                        new MultiTensorResult("1000x1024/block", 1, 0.31 * 1_024_000, 0, 1.0),
                        new MultiTensorResult("1x1048576", 2, 0.2 * 1_048_576, 0, 1.0),
                        new MultiTensorResult("1000x1024", 2, 0.3 * 1_024_000, 0, 1.0),
                        new MultiTensorResult("1000x1024/block", 2, 0.22 * 1_024_000, 0, 1.0)));
    }

    @Test
    void speedupAndRooflinesPerRuleAndSize() {
        List<ScalingRow> rows = ScalingFigures.rows(data(1.0), ONE_THREAD);
        assertEquals(List.of("adam 1M", "adam 16M", "diffgrad 1M", "diffgrad 16M"),
                rows.stream().map(r -> r.rule() + " " + Figures.sizeLabel(r.size())).toList());
        ScalingRow adam16 = rows.get(1);
        assertEquals(0.5, adam16.oneNs(), 1e-12);
        assertEquals(0.35, adam16.twoNs(), 1e-12);
        assertEquals(0.5 / 0.35, adam16.speedup(), 1e-12);
        assertEquals(56, adam16.oneGBs(), 1e-9);
        assertEquals(80, adam16.twoGBs(), 1e-9);
        assertEquals(56, adam16.roofline1(), 1e-9);
        assertEquals(100, adam16.roofline2(), 1e-9);
        assertEquals(100, adam16.onePercent(), 1e-9);
        assertEquals(80, adam16.twoPercent(), 1e-9);
        ScalingRow diffgrad16 = rows.get(3);
        assertEquals(100 * 45 / 56.0, diffgrad16.onePercent(), 1e-9);
        assertEquals(96, diffgrad16.twoPercent(), 1e-9);
        assertEquals(1.75, rows.get(0).speedup(), 1e-12);
        assertTrue(Double.isNaN(rows.get(0).roofline1()) && Double.isNaN(rows.get(0).twoPercent()), "no probe at 1M");
    }

    @Test
    void aMissingThreadCountIsNaN() {
        List<ScalingRow> rows = ScalingFigures.rows(new ThreadData(List.of(step("adam", M1, 1, 0.5, 1.0)), List.of(), List.of()),
                List.of());
        assertNull(rows.getFirst().two());
        assertTrue(Double.isNaN(rows.getFirst().speedup()));
    }

    @Test
    void scalingTableShowsRooflinesAtTheLargestSizeOnly() {
        Table t = ScalingTables.scaling(ScalingFigures.rows(data(1.0), ONE_THREAD));
        assertEquals(List.of("rule", "size", "1T ns/el", "2T ns/el", "speed-up", "1T GB/s", "2T GB/s", "1T % roofline",
                "2T % roofline"), t.header());
        assertEquals(List.of("adam", "1M", "0.5600", "0.3200", "1.75×", "50.0", "87.5", "", ""), t.rows().get(0));
        assertEquals(List.of("adam", "16M", "0.5000", "0.3500", "1.43×", "56.0", "80.0", "100%", "80%"), t.rows().get(1));
        assertEquals(List.of("diffgrad", "16M", "0.8000", "0.3750", "2.13×", "45.0", "96.0", "80%", "96%"), t.rows().get(3));
    }

    @Test
    void rooflineTableSetsTwoThreadsAgainstOne() {
        Table t = ScalingTables.rooflines(data(1.0).probes(), ONE_THREAD);
        // 100 GB/s ÷ 56 GB/s = 1.786.
        assertEquals(List.of(List.of("copy4r3w", "16 R + 12 W = 28 B", "16M", "56.0", "100.0", "1.79×")), t.rows());
    }

    @Test
    void multiTensorRatiosArePerElementAtTheSameThreadCount() {
        List<MultiTensorResult> m = data(1.0).multiTensor();
        Table t = ScalingTables.multiTensor(m);
        assertEquals(List.of("layout", "threads", "floats", "µs/step", "ns/el", "ns/el ÷ 1x1048576"), t.header());
        // 0.3 ns × 1,048,576 = 314.6 µs; 0.36 ns × 1,024,000 = 368.6 µs, 0.36 / 0.3 = 1.2; 0.31 / 0.3 = 1.033.
        assertEquals(List.of("1x1048576", "1", "1048576", "314.6", "0.3000", "1.00×"), t.rows().get(0));
        assertEquals(List.of("1000x1024", "1", "1024000", "368.6", "0.3600", "1.20×"), t.rows().get(1));
        assertEquals(List.of("1000x1024/block", "1", "1024000", "317.4", "0.3100", "1.03×"), t.rows().get(2));
        // On 2 threads against the 2-thread flat step: 0.3 / 0.2 = 1.5, 0.22 / 0.2 = 1.1.
        assertEquals(List.of("1000x1024", "2", "1024000", "307.2", "0.3000", "1.50×"), t.rows().get(4));
        assertEquals(List.of("1000x1024/block", "2", "1024000", "225.3", "0.2200", "1.10×"), t.rows().get(5));
    }

    @Test
    void findingsAgainstTheTargets() {
        assertEquals(List.of(
                "2 threads at 1M: speed-up adam 1.75×, diffgrad 1.5× (target ≥ 1.7×: met by 1 of 2 rule(s)).",
                "At 16M, ≥ 90% of the roofline: on 1 thread adam (100%); on 2 threads diffgrad (96%); of 2 rule(s).",
                "Multi-tensor Adam, ns per element ÷ that of one 1x1048576 parameter (target ≤ 1.3×): 1000x1024 as separate "
                        + "float[] 1.2× on 1 thread (met), 1.5× on 2 threads (missed); 1000x1024 as one ParameterLayout block "
                        + "1.03× on 1 thread (met), 1.1× on 2 threads (met).",
                "Unsteady: the measured iterations of 1 thread result(s) differ by more than 1.5×; treat them with care: "
                        + "adam 16M 2T (2×)."),
                ScalingFindings.of(data(2.0), ONE_THREAD));
    }

    @Test
    void findingsSayWhatWasNotMeasured() {
        ThreadData only16 = new ThreadData(List.of(step("adam", M16, 1, 0.7, 1.0), step("adam", M16, 2, 0.5, 1.0)), List.of(),
                List.of());
        // 28 B / 0.7 ns = 40 GB/s of 56: 71%; no 2-thread probe.
        assertEquals(List.of("2 threads at 1M: not measured (sizes 16M; --thorough measures 1M).",
                        "At 16M, ≥ 90% of the roofline: on 1 thread none (best adam, 71%); on 2 threads not measured (no roofline); "
                                + "of 1 rule(s)."),
                ScalingFindings.of(only16, ONE_THREAD));
        assertEquals(List.of(), ScalingFindings.of(ThreadData.empty(), ONE_THREAD));
    }
}
