package dev.gradus.bench;

import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code swats} and {@code swats-double} benchmarks measure SWATS's Adam phase (their {@link RuleTraffic}
 * lines): the step-10 plan applied again and again to the same gradient must not switch to SGD. With a fixed gradient m, v and the
 * scaling γ settle, and Λ = λ/⟨1−β2^10⟩ settles near 100·γ, far outside the switch test's band
 * ({@code |Λ − γ| ≤ 1e-8 + 1e-6·|γ|}). Λ crosses γ once, in the pre-warm's transient (the pre-warm is the
 * same for every size and memory kind: the same first 512 elements of the seed-42 data): measured, the
 * closest approach is at its 11th call, |Λ − γ| = 3.8e4 times the tolerance; after it Λ/γ stays above 30
 * (33 at the first call over the whole buffer, then back towards 100; measured over 20 000 calls at 4096
 * elements and 5 000 at 65 536, with the float index-order sums; the double sums differ from them in the
 * last bits only). This replays the pre-warm and the first timed calls, for both.
 */
class StepBenchSwatsTest {

    @Test
    void theSwatsBenchmarksStayInTheirAdamPhase() {
        for (String rule : new String[] {"swats", "swats-double"}) {
            for (int size : new int[] {4096, 65536}) {
                for (String memory : new String[] {"array", "native"}) {
                    replay(rule, size, memory);
                }
            }
        }
    }

    private static void replay(String rule, int size, String memory) {
        StepBench b = new StepBench();
        b.rule = rule;
        b.size = size;
        b.kernels = "scalar";
        b.memory = memory;
        b.setUp();
        try {
            String where = rule + ", size " + size + " " + memory;
            assertEquals(Swats.PHASE_ADAM, b.scalars()[0], "after the pre-warm, " + where);
            for (int i = 0; i < 300; i++) {
                b.step();
            }
            assertEquals(Swats.PHASE_ADAM, b.scalars()[0], "after the timed calls, " + where);
        } finally {
            b.tearDown();
        }
    }
}
