package dev.gradus.bench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateRowTest {

    private static LateStepResult late(String rule, String memory, double nsPerElement) {
        return new LateStepResult(rule, 1000, memory, 100_000, nsPerElement * 1000, 1, 1.01);
    }

    @Test
    void eachLateStepStandsBesideTheSimdStepOfItsRuleSizeAndMemoryKind() {
        List<StepResult> steps = List.of(
                new StepResult("adam", 1000, "scalar", "native", 4000, 1, 1.01),
                new StepResult("adam", 1000, "vector", "native", 500, 1, 1.01),
                new StepResult("adam", 1000, "vector", "array", 600, 1, 1.01),
                new StepResult("adam", 2000, "vector", "native", 3000, 1, 1.01),
                new StepResult("sgd", 1000, "vector", "native", 200, 1, 1.01));
        // JMH's order: memory kinds outermost; the rows keep a rule's together, rules in first-seen order.
        List<LateRow> rows = LateRow.of(List.of(late("adam", "array", 0.4), late("sgd", "array", 0.2), late("adam", "native", 0.4),
                late("sgd", "native", 0.25)), steps);
        assertEquals(List.of("adam array", "adam native", "sgd array", "sgd native"),
                rows.stream().map(r -> r.late().rule() + " " + r.late().memory()).toList());
        assertEquals(0.6, rows.get(0).earlyNs(), 1e-12);
        assertEquals(0.5, rows.get(1).earlyNs(), 1e-12, "the SIMD step, not the scalar one, nor another size");
        assertEquals(1.25, rows.get(1).speedup(), 1e-12);
        assertTrue(Double.isNaN(rows.get(2).earlyNs()), "no SIMD step of sgd on float[] in the run");
        assertEquals(0.8, rows.get(3).speedup(), 1e-12, "slower late is shown as it is");
    }
}
