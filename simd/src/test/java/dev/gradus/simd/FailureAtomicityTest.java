package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.Optimizer;
import dev.gradus.rules.AdaBound;
import dev.gradus.rules.Adam;
import dev.gradus.rules.NAdam;
import dev.gradus.rules.NAdamMuSchedule;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Regressions for the Optimizer bugs the API fuzz found: each call now fails cleanly, before it
 * writes anything.
 */
class FailureAtomicityTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** Was: the first group updated and the gradients clipped, then AdaBound's refusal thrown mid-step. */
    @Test
    void aRuleThatRefusesItsStepWritesNothingInAnyGroup() {
        float[] w = random(30, 1), gw = random(30, 2), b = random(7, 3), gb = random(7, 4);
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(0.01).clip(GradientClip.norm(0.1))
                .group("bounded", new AdaBound(0.9, 0.999, 0.1, 1e-3, 1e-8, 0, false), 0.0).build()) {
            opt.register("w", w, gw).group("bounded").register("b", b, gb);
            Map<String, MemorySegment> values = Map.of("w", MemorySegment.ofArray(w), "b", MemorySegment.ofArray(b));
            Map<String, MemorySegment> grads = Map.of("w", MemorySegment.ofArray(gw), "b", MemorySegment.ofArray(gb));
            StateSnapshot before = StateSnapshot.of(opt, values, grads);
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("adabound scales finalLr by lr / (the learning rate of step 1), which must be > 0, got 0.0", e.getMessage());
            StateSnapshot.of(opt, values, grads).assertSameAs(before, "after the refused step");
        }
    }

    /** Was: an ArrayIndexOutOfBoundsException from NAdam's plan, after the gradients were written. */
    @Test
    void aHyperparameterScheduleMayNotChangeTheScalarState() {
        try (Optimizer opt = Optimizer.builder(NAdam.nadam().withMuSchedule(NAdamMuSchedule.CONSTANT))
                .hyperparameter(e -> 1.0, (n, x) -> n.withMuSchedule(NAdamMuSchedule.MOMENTUM_DECAY)).build()) {
            float[] w = random(5, 5);
            opt.register("w", w, random(5, 6));
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("a hyperparameter schedule of group 'default' changes the rule's scalar state from [] (per parameter []) "
                    + "to [muProduct] (per parameter []) at step 1", e.getMessage());
            assertEquals(0, opt.stepCount());
        }
    }

    /** Was: a NullPointerException from the slot list. */
    @Test
    void aNullSlotNameIsRefused() {
        try (Optimizer opt = Optimizer.builder(Adam.adam()).build()) {
            opt.register("w", new float[2], new float[2]);
            assertEquals("slot name must not be null",
                    assertThrows(IllegalArgumentException.class, () -> opt.slot("w", null)).getMessage());
            assertEquals("slot name must not be null",
                    assertThrows(IllegalArgumentException.class, () -> opt.slotValues("w", null)).getMessage());
        }
    }
}
