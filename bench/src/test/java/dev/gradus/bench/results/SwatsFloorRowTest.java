package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwatsFloorRowTest {

    /** 40 bytes per element at 20 GB/s: 2 ns per element is the probe's pace. */
    private static StepRow swats(long size, String memory, double scalarNs, double vectorNs) {
        return new StepRow("swats", size, memory, new Traffic(24, 16, "test"), Probe.COPY_4R3W, scalarNs, vectorNs, 20);
    }

    @Test
    void eachSwatsRowStandsBesideTheSumsOfItsSize() {
        List<StepRow> rows = List.of(
                swats(1000, "array", 3.2, 1.0),
                new StepRow("adam", 1000, "array", new Traffic(16, 12, "test"), Probe.COPY_4R3W, 4, 0.5, 20),
                swats(1000, "native", 3.0, 1.2),
                swats(2000, "array", 3.0, 2.5),
                swats(4000, "array", 3.0, 2.5));
        List<SwatsFloorResult> floors = List.of(new SwatsFloorResult(1000, 800, 1, 1.01), new SwatsFloorResult(2000, 4000, 1, 1.01));
        List<SwatsFloorRow> out = SwatsFloorRow.of(floors, rows);
        assertEquals(List.of("1000 array", "1000 native", "2000 array"),
                out.stream().map(r -> r.step().size() + " " + r.step().memory()).toList(), "SWATS only, sizes with sums only");
        SwatsFloorRow r = out.get(0);
        assertEquals(0.8, r.floorNs(), 1e-12);
        assertEquals(1.25, r.vectorOverFloor(), 1e-12);
        assertEquals(4.0, r.speedupCap(), 1e-12, "scalar 3.2 ÷ sums 0.8");
        // 40 bytes in 0.8 ns is 50 GB/s, 250% of the 20 GB/s probe; the step's own 40 GB/s is 200%.
        assertEquals(250, r.percentCap(), 1e-9);
        assertEquals(200, r.step().vectorPercent(), 1e-9);
        assertEquals(3.75, out.get(1).speedupCap(), 1e-12, "native: its own scalar 3.0 against the same sums");
        assertEquals(1.25, out.get(2).vectorOverFloor(), 1e-12, "2.5 ÷ 2.0: its own size's sums");
    }
}
