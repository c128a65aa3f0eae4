package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.GradientNoise;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.StepReport;
import dev.gradus.rules.Rule;
import dev.gradus.testing.Buffers;
import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.RuleCatalog;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;

/**
 * Under {@link NonFinitePolicy#SKIP_STEP}, a step whose gradients hold a NaN or an infinity
 * anywhere writes nothing: every parameter, gradient, slot and scalar keeps its bits and the step
 * counter does not move, for every rule in the catalogue, with clipping and noise configured.
 */
class SkippedStepPropertyTest {

    @Test
    void aSkippedStepLeavesEverythingUnchanged() {
        Gen<Rule> rules = Generate.pick(RuleCatalog.entries()).flatMap(CatalogEntry::rules);
        qt().withExamples(150).forAll(rules, Generate.range(0, 5), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((rule, before, seed) -> check(rule, before, seed));
    }

    private static void check(Rule rule, int before, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int params = 1 + r.nextInt(3);
        List<float[]> values = new ArrayList<>(), grads = new ArrayList<>();
        var b = Optimizer.builder(rule).learningRate(0.01).nonFinite(NonFinitePolicy.SKIP_STEP);
        if (r.nextBoolean()) {
            b.clip(GradientClip.norm(1.0));
        }
        if (r.nextBoolean()) {
            b.gradientNoise(GradientNoise.withSeed(seed));
        }
        try (Optimizer opt = b.build()) {
            for (int p = 0; p < params; p++) {
                int rows = 1 + r.nextInt(4), cols = 1 + r.nextInt(40);
                float[] v = new float[rows * cols], g = new float[rows * cols];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
                values.add(v);
                grads.add(g);
                opt.register("p" + p, v, g, rows, cols);
            }
            for (int t = 0; t < before; t++) {
                for (float[] g : grads) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) r.nextGaussian();
                    }
                }
                opt.step();
            }
            for (float[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Buffers.value(r, 5);
                }
            }
            float[] bad = grads.get(r.nextInt(params));
            bad[r.nextInt(bad.length)] = r.nextBoolean() ? Float.NaN : (r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
            List<int[]> snapshot = new ArrayList<>();
            for (int p = 0; p < params; p++) {
                snapshot.add(Bits.raw(values.get(p)));
                snapshot.add(Bits.raw(grads.get(p)));
                for (String slot : opt.group("default").rule().slotNames()) {
                    snapshot.add(Bits.raw(opt.slotValues("p" + p, slot)));
                }
            }
            var scalars = opt.scalarState();
            var paramScalars = new ArrayList<>();
            for (int p = 0; p < params; p++) {
                paramScalars.add(opt.parameterScalars("p" + p));
            }
            long steps = opt.stepCount();
            StepReport report = opt.step();
            assertFalse(report.applied(), rule + ": the step with a non-finite gradient was applied");
            int k = 0;
            for (int p = 0; p < params; p++) {
                assertArrayEquals(snapshot.get(k++), Bits.raw(values.get(p)), rule + ": parameter p" + p);
                assertArrayEquals(snapshot.get(k++), Bits.raw(grads.get(p)), rule + ": gradient p" + p);
                for (String slot : opt.group("default").rule().slotNames()) {
                    assertArrayEquals(snapshot.get(k++), Bits.raw(opt.slotValues("p" + p, slot)), rule + ": slot " + slot + " of p" + p);
                }
            }
            assertEquals(scalars, opt.scalarState(), rule + ": scalar state");
            for (int p = 0; p < params; p++) {
                assertEquals(paramScalars.get(p), opt.parameterScalars("p" + p), rule + ": scalars of p" + p);
            }
            assertEquals(steps, opt.stepCount(), rule + ": step counter");
        }
    }
}
