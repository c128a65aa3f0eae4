package dev.gradus.bench;

import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code swats} benchmark measures SWATS's Adam phase (its {@link RuleTraffic} line): the step-10 plan
 * applied again and again to the same gradient must not switch to SGD. With a fixed gradient m, v and the
 * scaling γ settle, and Λ = λ/⟨1−β2^10⟩ settles near 100·γ, far outside the switch test's band
 * ({@code |Λ − γ| ≤ 1e-8 + 1e-6·|γ|}). Λ crosses γ once, in the pre-warm's transient (the pre-warm is the
 * same for every size and memory kind: the same first 512 elements of the seed-42 data): measured, the
 * closest approach is at its 11th call, |Λ − γ| = 3.8e4 times the tolerance; after it Λ/γ stays above 30
 * (33 at the first call over the whole buffer, then back towards 100; measured over 20 000 calls at 4096
 * elements and 5 000 at 65 536). This replays the pre-warm and the first timed calls.
 */
class StepBenchSwatsTest {

    @Test
    void theSwatsBenchmarkStaysInItsAdamPhase() {
        for (int size : new int[] {4096, 65536}) {
            for (String memory : new String[] {"array", "native"}) {
                StepBench b = new StepBench();
                b.rule = "swats";
                b.size = size;
                b.kernels = "scalar";
                b.memory = memory;
                b.setUp();
                try {
                    assertEquals(Swats.PHASE_ADAM, b.scalars()[0], "after the pre-warm, size " + size + " " + memory);
                    for (int i = 0; i < 300; i++) {
                        b.step();
                    }
                    assertEquals(Swats.PHASE_ADAM, b.scalars()[0], "after the timed calls, size " + size + " " + memory);
                } finally {
                    b.tearDown();
                }
            }
        }
    }
}
