package dev.gradus.bench;

import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the report leaves SWATS out of {@link ThreadBench}: stepping that benchmark's fixed gradient, the
 * step at which SWATS switches from its Adam to its SGD phase depends on the size and on the sums, so a
 * timed run would measure one phase, the other or a mix. The scalar reference decides the switch with the
 * same bits as the SIMD kernels.
 */
class ThreadBenchSwatsTest {

    @Test
    void theSwitchDependsOnTheSizeAndTheSums() {
        assertEquals(-1, switchStep("swats", 4096, 3000), "float sums, 4K");
        int at256k = switchStep("swats", 262_144, 1000);
        assertTrue(at256k > 1, "float sums, 256K: switched at step " + at256k);
        int double4k = switchStep("swats-double", 4096, 3000);
        assertTrue(double4k > 1, "double sums, 4K: switched at step " + double4k);
    }

    @Test
    void theReportRunsEveryOtherRuleOnThreads() {
        List<String> all = List.copyOf(BenchRules.all().keySet());
        JmhRun run = new JmhRun(Profile.QUICK, all, List.of("scalar", "vector"), true);
        assertEquals(all.stream().filter(r -> !r.startsWith("swats")).toList(), run.threadRules());
        assertEquals(all.size() - 2, run.threadRules().size());
        var swatsOnly = new JmhRun(Profile.QUICK, List.of("swats", "swats-double"), List.of("vector"), true);
        assertEquals(0, swatsOnly.threadForks());
        var o = swatsOnly.options().build();
        assertFalse(o.getIncludes().stream().anyMatch(i -> i.contains("ThreadBench")), o.getIncludes().toString());
        assertFalse(o.getParameter("threadRule").hasValue());
        assertTrue(o.getIncludes().stream().anyMatch(i -> i.contains("ThreadProbeBench")), o.getIncludes().toString());
    }

    /** The step (from 1) at which ThreadBench's optimizer of {@code rule} over {@code elements} switches to SGD; -1 if not within {@code steps}. */
    private static int switchStep(String rule, int elements, int steps) {
        ThreadBench b = new ThreadBench();
        b.threadRule = rule;
        b.elements = elements;
        b.threads = 1;
        b.kernelSet = "scalar";
        b.setUp();
        try {
            assertEquals(Swats.PHASE_ADAM, b.scalarState().get(Swats.PHASE), rule + " before the first step");
            for (int t = 1; t <= steps; t++) {
                b.step();
                if (b.scalarState().get(Swats.PHASE) == Swats.PHASE_SGD) {
                    return t;
                }
            }
            return -1;
        } finally {
            b.tearDown();
        }
    }
}
