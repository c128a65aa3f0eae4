package dev.gradus.bench;

import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ThreadBench} holds SWATS in its Adam phase: stepping that benchmark's fixed gradient, SWATS switches to
 * SGD at a step that depends on the size and the sums (here, for the double sums at 4K, before step 3000), so a
 * timed run would measure one phase, the other or a mix. Held ({@link HeldSteps}), it makes the switch test and
 * drops the switch, and the report runs every rule on threads.
 */
class ThreadBenchSwatsTest {

    @Test
    void swatsStaysInItsAdamPhaseAndWouldSwitchUnheld() {
        for (String rule : List.of("swats", "swats-double")) {
            assertEquals(-1, switchStep(rule, 4096, 3000, true), rule + ", held");
        }
        int unheld = switchStep("swats-double", 4096, 3000, false);
        assertTrue(unheld > 1, "double sums, 4K, unheld: switched at step " + unheld);
    }

    /** Held in its SGD phase, SWATS takes SGD steps from the first (its momentum buffer fills) and never leaves it. */
    @Test
    void swatsCanBeHeldInItsSgdPhase() {
        for (String phase : List.of("adam", "sgd")) {
            ThreadBench b = new ThreadBench();
            b.threadRule = "swats";
            b.elements = 4096;
            b.threads = 1;
            b.kernelSet = "scalar";
            b.swatsPhase = phase;
            b.setUp();
            try {
                b.step();
                b.step();
                float[] momentum = b.slotValues(Swats.MOMENTUM);
                boolean moved = false;
                for (float x : momentum) {
                    moved |= x != 0;
                }
                assertEquals(phase.equals("sgd"), moved, phase + ": the momentum buffer");
                assertEquals(Swats.PHASE_ADAM, b.scalarState().get(Swats.PHASE), phase + ": the group's own phase is never written");
            } finally {
                b.tearDown();
            }
        }
        ThreadBench bad = new ThreadBench();
        bad.threadRule = "swats";
        bad.elements = 4096;
        bad.threads = 1;
        bad.kernelSet = "scalar";
        bad.swatsPhase = "rmsprop";
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::setUp);
        assertEquals("swatsPhase must be adam or sgd, got rmsprop", e.getMessage());
    }

    @Test
    void theReportRunsEveryRuleOnThreads() {
        List<String> all = List.copyOf(BenchRules.all().keySet());
        JmhRun run = new JmhRun(Profile.QUICK, all, List.of("scalar", "vector"), true, true);
        assertEquals(all, run.threadRules());
        var swatsOnly = new JmhRun(Profile.QUICK, List.of("swats", "swats-double"), List.of("vector"), true, true);
        assertEquals(2 * 2 * 2, swatsOnly.threadForks());
        var o = swatsOnly.options().build();
        assertTrue(o.getIncludes().stream().anyMatch(i -> i.contains("ThreadBench")), o.getIncludes().toString());
        assertEquals(List.of("swats", "swats-double"), List.copyOf(o.getParameter("threadRule").get()));
    }

    /**
     * The step (from 1) at which an optimizer of {@code rule} over {@code elements} switches to SGD, stepping
     * ThreadBench's fixed gradient on one thread, its rule held as ThreadBench holds it or not; -1 if not within
     * {@code steps}.
     */
    private static int switchStep(String rule, int elements, int steps, boolean held) {
        ThreadBench b = new ThreadBench();
        b.threadRule = rule;
        b.elements = elements;
        b.threads = 1;
        b.kernelSet = "scalar";
        b.holdSwats = held;
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
