package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.StepReport;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Sgd;
import dev.gradus.rules.WeightDecay;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter groups, scheduled hyperparameters, the non-finite policy, clipping and the step report. */
class StepPolicyTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void eachGroupRunsItsOwnRuleAndLearningRate() {
        float[] w = random(40, 1), gw = random(40, 2), b = random(9, 3), gb = random(9, 4);
        float[] w2 = w.clone(), b2 = b.clone();
        try (Optimizer grouped = Optimizer.builder(Adam.adamW()).learningRate(0.01)
                .group("biases", Adam.adamW().withWeightDecay(0), 0.1).build();
             Optimizer weightsOnly = Optimizer.builder(Adam.adamW()).learningRate(0.01).build();
             Optimizer biasesOnly = Optimizer.builder(Adam.adamW().withWeightDecay(0)).learningRate(0.1).build()) {
            grouped.register("w", w, gw).group("biases").register("b", b, gb);
            weightsOnly.register("w", w2, gw);
            biasesOnly.register("b", b2, gb);
            for (int t = 0; t < 5; t++) {
                StepReport r = grouped.step();
                weightsOnly.step();
                biasesOnly.step();
                assertEquals(Map.of("default", 0.01, "biases", 0.1), r.learningRates());
                assertTrue(r.applied());
            }
            assertArrayEquals(Bits.of(w2), Bits.of(w));
            assertArrayEquals(Bits.of(b2), Bits.of(b));
            assertEquals(java.util.List.of("default", "biases"), grouped.groupNames());
            assertEquals(java.util.List.of("b"), grouped.group("biases").parameterNames());
        }
    }

    @Test
    void aScheduleCanDriveAHyperparameter() {
        float[] w = random(33, 5), g = random(33, 6), ref = w.clone();
        // β1 cycles 0.95, 0.85, 0.95, …; the reference applies the same β1 by hand with a fresh record per step.
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(0.01)
                .hyperparameter(e -> e % 2 == 0 ? 0.95 : 0.85, (a, b1) -> a.withBetas(b1, a.beta2())).build()) {
            opt.register("w", w, g);
            var k = Kernels.selected();
            var m = java.lang.foreign.MemorySegment.ofArray(new float[33]);
            var v = java.lang.foreign.MemorySegment.ofArray(new float[33]);
            for (int t = 1; t <= 6; t++) {
                opt.step();
                Adam a = Adam.adam().withBetas(t % 2 == 1 ? 0.95 : 0.85, 0.999);
                a.plan(new dev.gradus.rules.StepContext(t, 0.01, 0.01)).apply(k,
                        new dev.gradus.rules.ParamBuffers(java.lang.foreign.MemorySegment.ofArray(ref),
                                java.lang.foreign.MemorySegment.ofArray(g), java.util.List.of(m, v)), 0, 33);
            }
            assertArrayEquals(Bits.of(ref), Bits.of(w));
        }
    }

    @Test
    void anInvalidScheduledHyperparameterFailsTheStepBeforeAnyWrite() {
        float[] w = random(8, 7), g = random(8, 8);
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(0.01)
                .hyperparameter(e -> e < 1 ? 0.9 : 1.5, (a, b1) -> a.withBetas(b1, a.beta2())).build()) {
            opt.register("w", w, g);
            opt.step();
            float[] before = w.clone();
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("a hyperparameter schedule of group 'default' gives an invalid rule for step 2: beta1 must be in [0, 1), got 1.5",
                    e.getMessage());
            assertArrayEquals(Bits.of(before), Bits.of(w));
            assertEquals(1, opt.stepCount());
        }
    }

    @Test
    void aScheduleMayNotChangeTheStateSlots() {
        try (Optimizer opt = Optimizer.builder(Adam.adam())
                .hyperparameter(e -> 1.0, (a, x) -> a.withAmsgrad(true)).build()) {
            opt.register("w", new float[3], new float[3]);
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("a hyperparameter schedule of group 'default' changes the rule's state slots from [m, v] to [m, v, vMax] at step 1",
                    e.getMessage());
        }
    }

    @Test
    void groupsAreValidated() {
        var b = Optimizer.builder(new Sgd()).learningRate(0.1);
        assertEquals("group 'default' is already defined",
                assertThrows(IllegalArgumentException.class, () -> b.group("default", Adam.adam(), 0.1)).getMessage());
        assertEquals("learningRate must be set for sgd in group 'x': the rule has no default learning rate",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.builder(Adam.adam()).group("x", new Sgd(), g -> { }).build())
                        .getMessage());
        try (Optimizer opt = Optimizer.builder(Adam.adam()).group("x", Adam.adam(), 0.1).build()) {
            opt.register("w", new float[2], new float[2]);
            assertEquals("parameter 'w' is already registered",
                    assertThrows(IllegalArgumentException.class, () -> opt.group("x").register("w", new float[2], new float[2])).getMessage());
            assertEquals("no group named 'y'; groups: [default, x]",
                    assertThrows(IllegalArgumentException.class, () -> opt.group("y")).getMessage());
        }
    }

    @Test
    void skipStepWritesNothingAndDoesNotCount() {
        float[] w = random(20, 9), g = random(20, 10), u = random(5, 11), gu = random(5, 12);
        try (Optimizer opt = Optimizer.builder(new Sgd().withMomentum(0.9)).learningRate(0.1)
                .nonFinite(NonFinitePolicy.SKIP_STEP).clip(GradientClip.norm(1.0)).build()) {
            opt.register("w", w, g).register("u", u, gu);
            opt.step();
            float[] w0 = w.clone(), g0 = g.clone(), u0 = u.clone(), m0 = opt.slotValues("w", "momentum");
            gu[3] = Float.NaN;
            float[] gu0 = gu.clone();
            StepReport r = opt.step();
            assertFalse(r.applied());
            assertEquals(2, r.step());
            assertEquals("the gradient of parameter 'u' has a NaN or infinite element", r.skipReason().orElseThrow());
            assertEquals(1, opt.stepCount());
            assertArrayEquals(Bits.of(w0), Bits.of(w));
            assertArrayEquals(Bits.of(u0), Bits.of(u));
            assertArrayEquals(Bits.of(g0), Bits.of(g), "a skipped step does not clip");
            assertArrayEquals(Bits.of(gu0), Bits.of(gu));
            assertArrayEquals(Bits.of(m0), Bits.of(opt.slotValues("w", "momentum")));
            gu[3] = 0.5f;
            assertTrue(opt.step().applied());
            assertEquals(2, opt.stepCount());
        }
    }

    @Test
    void throwPolicyThrowsBeforeAnyWrite() {
        float[] w = random(20, 13), g = random(20, 14);
        g[7] = Float.NEGATIVE_INFINITY;
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.1).nonFinite(NonFinitePolicy.THROW).build()) {
            opt.register("w", w, g);
            float[] before = w.clone();
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("the gradient of parameter 'w' has a NaN or infinite element (non-finite policy THROW); step 1 was not taken",
                    e.getMessage());
            assertArrayEquals(Bits.of(before), Bits.of(w));
        }
    }

    @Test
    void propagateLetsTheNaNThroughLikeTorch() {
        float[] w = {1f, 2f}, g = {Float.NaN, 1f};
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.1).build()) {
            opt.register("w", w, g);
            assertTrue(opt.step().applied());
            assertTrue(Float.isNaN(w[0]));
            assertEquals(2f + (float) -0.1 * 1f, w[1]);
        }
    }

    @Test
    void normClippingScalesEveryGradientByTorchsCoefficient() {
        float[] a = {3f, 0f}, ga = {3f, 0f}, b = {0f}, gb = {4f};       // N = 5
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(1.0).clip(GradientClip.norm(1.0)).build()) {
            opt.register("a", a, ga).register("b", b, gb);
            StepReport r = opt.step();
            assertEquals(5.0, r.gradientNorm().orElseThrow());
            float c = Math.min((1f / (5f + 1e-6f)) * 1f, 1f);
            assertEquals(3f * c, ga[0]);
            assertEquals(4f * c, gb[0]);
            assertEquals(3f - 3f * c, a[0]);
        }
    }

    @Test
    void normClippingBelowTheLimitLeavesGradientsAlone() {
        float[] a = {0.3f}, ga = {0.3f};
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(1.0).clip(GradientClip.norm(1.0)).build()) {
            opt.register("a", a, ga);
            assertEquals((double) 0.3f, opt.step().gradientNorm().orElseThrow(), 1e-7);
            assertEquals(0.3f, ga[0]);
        }
    }

    @Test
    void infinityNormAndValueClipping() {
        float[] a = {1f, -8f}, ga = {1f, -8f};
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0f).clip(GradientClip.infinityNorm(2.0)).build()) {
            opt.register("a", a, ga);
            assertEquals(8.0, opt.step().gradientNorm().orElseThrow());
            float c = (1f / (8f + 1e-6f)) * 2f;
            assertArrayEquals(new float[] {1f * c, -8f * c}, ga);
        }
        float[] b = {0f, 0f, 0f}, gb = {5f, -5f, Float.NaN};
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0f).clip(GradientClip.value(0.5)).build()) {
            opt.register("b", b, gb);
            assertTrue(opt.step().gradientNorm().isEmpty());
            assertEquals(0.5f, gb[0]);
            assertEquals(-0.5f, gb[1]);
            assertTrue(Float.isNaN(gb[2]));
        }
    }

    @Test
    void clippingRejectsReadOnlyOrSharedGradientsAndBadLimits() {
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.1).clip(GradientClip.norm(1)).build()) {
            var ro = java.lang.foreign.MemorySegment.ofArray(new float[2]).asReadOnly();
            assertEquals("gradient of parameter 'w' is a read-only segment; gradient clipping writes to it",
                    assertThrows(IllegalArgumentException.class,
                            () -> opt.register("w", java.lang.foreign.MemorySegment.ofArray(new float[2]), ro)).getMessage());
            float[] shared = new float[2];
            opt.register("a", new float[2], shared);
            assertEquals("gradient of parameter 'b' overlaps the gradient of 'a'; gradient clipping would change the shared elements twice",
                    assertThrows(IllegalArgumentException.class, () -> opt.register("b", new float[2], shared)).getMessage());
        }
        assertEquals("maxNorm must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> GradientClip.norm(0)).getMessage());
        assertEquals("clipValue must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> GradientClip.value(Double.NaN)).getMessage());
    }

    @Test
    void aConcurrentStepIsRejected() throws Exception {
        // A schedule that blocks the first step inside the optimizer while a second thread calls step().
        var inside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        float[] w = random(4, 15), g = random(4, 16);
        try (Optimizer opt = Optimizer.builder(Adam.adam().withDecay(WeightDecay.COUPLED)).learningRate(e -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return 0.01;
        }).build()) {
            opt.register("w", w, g);
            Thread first = new Thread(opt::step);
            first.start();
            inside.await();
            float[] during = w.clone();
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("the optimizer is already in use by another thread (step, register, save, load or close); "
                    + "an Optimizer must be used from one thread at a time", e.getMessage());
            assertArrayEquals(Bits.of(during), Bits.of(w));
            release.countDown();
            first.join();
            assertEquals(1, opt.stepCount());
        }
    }

    @Test
    void rangerCentralisesTheRowsOfMatricesOnly() {
        float[] w = random(12, 17), g = random(12, 18), b = random(4, 19), gb = random(4, 20);
        float[] g0 = g.clone(), gb0 = gb.clone();
        try (Optimizer opt = Optimizer.builder(new dev.gradus.rules.Ranger()).learningRate(0.0).build()) {
            opt.register("w", w, g, 3, 4).register("b", b, gb);
            opt.step();
            for (int r = 0; r < 3; r++) {
                double sum = 0;                                   // exact for four floats of similar size
                for (int c = 0; c < 4; c++) {
                    sum += g0[r * 4 + c];
                }
                float mean = (float) (sum / 4);
                for (int c = 0; c < 4; c++) {
                    assertEquals(Float.floatToIntBits(g0[r * 4 + c] + -mean), Float.floatToIntBits(g[r * 4 + c]), "row " + r);
                }
            }
            assertArrayEquals(Bits.of(gb0), Bits.of(gb), "a vector parameter is not centralised");
        }
    }

    @Test
    void centralisationNeedsAWritableGradientAndAConsistentShape() {
        try (Optimizer opt = Optimizer.builder(new dev.gradus.rules.Ranger()).build()) {
            var ro = java.lang.foreign.MemorySegment.ofArray(new float[6]).asReadOnly();
            assertEquals("gradient of parameter 'w' is a read-only segment; ranger's gradient centralisation writes to it",
                    assertThrows(IllegalArgumentException.class,
                            () -> opt.register("w", java.lang.foreign.MemorySegment.ofArray(new float[6]), ro, 2, 3)).getMessage());
            opt.register("v", java.lang.foreign.MemorySegment.ofArray(new float[6]), ro);   // a vector: never centralised
            float[] shared = new float[6];
            opt.register("m", new float[6], shared, 2, 3);
            assertEquals("gradient of parameter 'n' overlaps the gradient of 'm'; ranger's gradient centralisation would change the shared elements twice",
                    assertThrows(IllegalArgumentException.class, () -> opt.register("n", new float[6], shared, 3, 2)).getMessage());
            assertEquals("shape [2, 4] of parameter 'x' has 8 elements, expected 6 (the parameter's length)",
                    assertThrows(IllegalArgumentException.class, () -> opt.register("x", new float[6], new float[6], 2, 4)).getMessage());
        }
        try (Optimizer opt = Optimizer.builder(new dev.gradus.rules.Ranger().withGc(true, true)).learningRate(0.0).build()) {
            float[] g = random(6, 21), g0 = g.clone();
            opt.register("w", new float[6], g, 2, 3);
            opt.step();
            assertArrayEquals(Bits.of(g0), Bits.of(g), "gcConvOnly leaves rank-2 parameters alone");
        }
    }
}
