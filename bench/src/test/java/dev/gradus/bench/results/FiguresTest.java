package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    @Test
    void bandwidthPercentAndRatioFromTheBytesPerElement() {
        List<StepResult> steps = List.of(
                new StepResult("adam", 65_536, "scalar", "native", 0.28 * 65_536, 0, 1.0),
                new StepResult("adam", 65_536, "vector", "native", 0.14 * 65_536, 0, 1.0));
        List<ProbeResult> probes = List.of(
                new ProbeResult(Probe.COPY_4R3W, 65_536, "native", 0.1 * 65_536, 0, 1.0),   // 280 GB/s
                new ProbeResult(Probe.COPY_4R3W, 65_536, "array", 0.2 * 65_536, 0, 1.0),    // 140 GB/s
                new ProbeResult(Probe.TRIAD, 65_536, "native", 0.01 * 65_536, 0, 1.0));     // 1200 GB/s, other mix
        StepRow r = Figures.rows(steps, probes).getFirst();
        assertEquals(0.28, r.scalarNs(), 1e-12);
        assertEquals(0.14, r.vectorNs(), 1e-12);
        assertEquals(200, r.vectorGBs(), 1e-9);          // 28 B / 0.14 ns
        assertEquals(100, r.scalarGBs(), 1e-9);
        assertEquals(280, r.probeGBs(), 1e-9);           // the best memory kind of the matching probe
        assertEquals(100 * 200 / 280.0, r.vectorPercent(), 1e-9);
        assertEquals(2, r.vectorSpeedup(), 1e-12);
    }

    @Test
    void missingMeasurementsAreNaN() {
        StepRow r = Figures.rows(List.of(new StepResult("adam", 4096, "scalar", "array", 400, 0, 1.0)), List.of()).getFirst();
        assertTrue(Double.isNaN(r.vectorNs()) && Double.isNaN(r.vectorSpeedup()) && Double.isNaN(r.probeGBs()));
    }

    @Test
    void findingsAreComputedFromTheRows() {
        List<StepResult> steps = List.of(
                new StepResult("adam", 65_536, "scalar", "native", 0.28 * 65_536, 0, 1.0),
                new StepResult("adam", 65_536, "vector", "native", 0.14 * 65_536, 0, 1.0),
                new StepResult("adamw", 65_536, "scalar", "native", 0.10 * 65_536, 0, 1.0),
                new StepResult("adamw", 65_536, "vector", "native", 0.20 * 65_536, 0, 1.0));
        List<ProbeResult> probes = List.of(new ProbeResult(Probe.COPY_4R3W, 65_536, "native", 0.1 * 65_536, 0, 1.0));
        assertEquals(List.of("64K, native: SIMD/scalar 1.25× (median over 2 rule(s); 0.5× to 2×); the highest share of the "
                        + "matching probe's bandwidth: adam at 200 GB/s, 71%; SIMD slower than scalar for 1 rule(s)."),
                BenchFindings.of(Figures.rows(steps, probes)));
    }

    @Test
    void labels() {
        assertEquals("4K", Figures.sizeLabel(4096));
        assertEquals("64K", Figures.sizeLabel(65_536));
        assertEquals("1M", Figures.sizeLabel(1_048_576));
        assertEquals("16M", Figures.sizeLabel(16_777_216));
        assertEquals("1000", Figures.sizeLabel(1000));
    }
}
