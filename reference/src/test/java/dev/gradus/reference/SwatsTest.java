package dev.gradus.reference;

import dev.gradus.Optimizer;
import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.PartedPlan;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsCompat;
import dev.gradus.testing.Bits;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.GoldenRunner;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SWATS beyond the generic golden replay (spec R18): the switch step of every golden file, the paper's
 * SGD phase (no golden file has it) against a float32 emulation written from the spec and started from
 * the golden run at its switch, the scheduled learning rate being ignored after the switch, the
 * whole-parameter plan, the switch test and the per-step scalars.
 */
class SwatsTest {

    private static final Pattern SWITCH_NOTE = Pattern.compile("switched to the SGD phase in step (\\d+)");

    static Stream<GoldenFile> goldenFiles() {
        return GoldenFiles.list("float32").stream().filter(p -> GoldenFiles.rule(p).equals("swats_jettify")).map(GoldenFile::read);
    }

    /** The switch step a file's note states, or 0 for "no switch". */
    static int noteSwitchStep(GoldenFile f) {
        Matcher m = SWITCH_NOTE.matcher(f.header("note"));
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        assertTrue(f.header("note").contains("no switch"), f + ": the note states neither a switch step nor no switch");
        return 0;
    }

    static Swats goldenRule(GoldenFile f) {
        return (Swats) RuleCatalog.forGoldenRule("swats_jettify").orElseThrow().fromGolden(f);
    }

    @Test
    void theGoldenFilesSwitchWhereTheirNotesSay() {
        List<Integer> steps = goldenFiles().map(f -> {
            int expected = noteSwitchStep(f);
            assertEquals(expected, switchStep(f, goldenRule(f), f.hp("lr")), f + ": switch step");
            return expected;
        }).sorted().toList();
        assertEquals(List.of(0, 2, 2, 4, 6, 11), steps, "five files switch, in steps 2, 2, 4, 6 and 11 (spec R18)");
    }

    /** The step after which our run of {@code f} is in the SGD phase, 0 if never. */
    static int switchStep(GoldenFile f, Swats rule, double lr) {
        float[] param = f.floats("params", "0"), grad = new float[param.length];
        try (Optimizer opt = Optimizer.builder(rule).learningRate(lr).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", param, grad);
            for (int t = 1; t <= f.steps(); t++) {
                System.arraycopy(f.floats("grad", Integer.toString(t)), 0, grad, 0, grad.length);
                opt.step();
                if (opt.scalarState().get(Swats.PHASE) == Swats.PHASE_SGD) {
                    return t;
                }
            }
        }
        return 0;
    }

    /**
     * The paper's SGD phase on the golden runs: up to the switch the run is the golden one, bit for bit
     * (the two modes share the Adam phase and the test); from there it is the float32 emulation below,
     * written from spec R18 ({@code b = 0} at the switch, {@code b ← b·⟨β1⟩ + g},
     * {@code θ ← θ + ⟨−(1−β1)·Λ⟩·b}, or {@code ·(g + ⟨β1⟩·b)} with Nesterov), fed the golden gradients
     * from the golden parameters at the switch; m, v, vMax, λ and the group's Λ end as in the file.
     */
    @TestFactory
    Stream<DynamicTest> thePaperSgdPhaseOnTheGoldenRuns() {
        return goldenFiles().filter(f -> noteSwitchStep(f) > 0).map(f -> DynamicTest.dynamicTest(f.fileName(), () -> {
            Swats rule = goldenRule(f).withCompat(SwatsCompat.PAPER);
            int s = noteSwitchStep(f);
            float[] param = f.floats("params", "0"), grad = new float[param.length];
            float b1 = (float) rule.beta1(), wd = (float) rule.weightDecay();
            double lambda = f.doubles("state.group_lr", "final")[0];
            float negStep = (float) (-(1.0 - rule.beta1()) * lambda);
            float[] theta = f.floats("params", Integer.toString(s)), b = new float[param.length];
            boolean differs = false;
            try (Optimizer opt = Optimizer.builder(rule).learningRate(f.hp("lr")).kernels(ScalarUpdateKernels.INSTANCE).build()) {
                opt.register("p", param, grad);
                for (int t = 1; t <= f.steps(); t++) {
                    float[] g = f.floats("grad", Integer.toString(t));
                    System.arraycopy(g, 0, grad, 0, g.length);
                    opt.step();
                    if (t <= s) {
                        Bits.assertClose(f.floats("params", Integer.toString(t)), param, 0, f + ": Adam-phase step " + t);
                        continue;
                    }
                    for (int i = 0; i < theta.length; i++) {
                        float gi = rule.weightDecay() != 0 ? g[i] + wd * theta[i] : g[i];
                        b[i] = b[i] * b1 + gi;
                        float d = rule.nesterov() ? gi + b1 * b[i] : b[i];
                        theta[i] = theta[i] + negStep * d;
                    }
                    Bits.assertClose(theta, param, 0, f + ": paper SGD-phase step " + t);
                    differs |= !java.util.Arrays.equals(param, f.floats("params", Integer.toString(t)));
                }
                Bits.assertClose(b, opt.slotValues("p", Swats.MOMENTUM), 0, f + ": final momentum buffer");
                for (String name : List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")) {
                    if (f.stateVectors().contains(name)) {
                        String slot = RuleCatalog.forGoldenRule("swats_jettify").orElseThrow().goldenSlots().get(name);
                        Bits.assertClose(f.floats("state." + name, "final"), opt.slotValues("p", slot), 0, f + ": frozen " + name);
                    }
                }
                assertEquals(f.doubles("state.exp_avg2", "final")[0], opt.parameterScalars("p").get(Swats.SCALING_AVG), f + ": λ");
                assertEquals(Map.of(Swats.PHASE, Swats.PHASE_SGD, Swats.SGD_LEARNING_RATE, lambda), opt.scalarState());
                assertEquals(1.0, opt.parameterScalars("p").get(Swats.MOMENTUM_STARTED));
            }
            assertTrue(differs, f + ": the paper's SGD phase should not reproduce the implementations' parameters");
        }));
    }

    /** From the switch on, the SGD learning rate is Λ: a schedule that changes later changes nothing. */
    @TestFactory
    Stream<DynamicTest> theScheduledLearningRateIsIgnoredAfterTheSwitch() {
        return goldenFiles().filter(f -> noteSwitchStep(f) > 0).map(f -> DynamicTest.dynamicTest(f.fileName(), () -> {
            int s = noteSwitchStep(f);
            double lr = f.hp("lr");
            Swats rule = goldenRule(f);
            float[] param = f.floats("params", "0"), grad = new float[param.length];
            try (Optimizer opt = Optimizer.builder(rule).learningRate(e -> e < s ? lr : 7.5 * (e + 1))
                    .kernels(ScalarUpdateKernels.INSTANCE).build()) {
                opt.register("p", param, grad);
                for (int t = 1; t <= f.steps(); t++) {
                    System.arraycopy(f.floats("grad", Integer.toString(t)), 0, grad, 0, grad.length);
                    opt.step();
                    Bits.assertClose(f.floats("params", Integer.toString(t)), param, 0, f + ": step " + t);
                }
            }
        }));
    }

    @Test
    void theGoldenReplayReadsLambdaAndTheGroupLearningRate() {
        // The files that never switch report the group's lr as the scheduled one, and λ from the parameter.
        GoldenFile f = goldenFiles().filter(g -> noteSwitchStep(g) == 0).findFirst().orElseThrow();
        assertEquals(0, GoldenRunner.run(f, RuleCatalog.forGoldenRule("swats_jettify").orElseThrow(), ScalarUpdateKernels.INSTANCE));
        assertFalse(f.stateVectors().contains("momentum_buffer"), "the source creates the buffer at the first SGD step");
    }

    /**
     * Spec R18: parameters later in the same step of a group that switches take the SGD branch, with the new Λ.
     * Two identical parameters, stepped on one fixed gradient until the first switches (double sums, 4K floats:
     * ThreadBenchSwatsTest): in that step the second takes its first SGD step, θ ← θ + ⟨−(1−β1)·Λ⟩·g (the paper's
     * phase, b = g), with the Λ the first parameter's switch has just set.
     */
    @Test
    void aLaterParameterOfTheSwitchingStepStepsSgdWithTheNewRate() {
        int n = 4096;
        Swats rule = Swats.swats().withSums(dev.gradus.rules.SwatsSums.FIXED_ORDER_DOUBLE);
        float[] a = new float[n], b = new float[n], g = new float[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            a[i] = b[i] = (float) r.nextGaussian();
            g[i] = (float) (r.nextGaussian() * 1e-2);
        }
        try (Optimizer opt = Optimizer.builder(rule).learningRate(Swats.DEFAULT_LR).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("a", a, g.clone());
            opt.register("b", b, g.clone());
            for (int t = 1; t <= 3000; t++) {
                float[] before = b.clone();
                opt.step();
                if (opt.scalarState().get(Swats.PHASE) == Swats.PHASE_SGD) {
                    assertEquals(1.0, opt.parameterScalars("b").get(Swats.MOMENTUM_STARTED), "b stepped SGD in step " + t);
                    assertEquals(0.0, opt.parameterScalars("a").get(Swats.MOMENTUM_STARTED), "a switched in step " + t);
                    float step = (float) (-(1.0 - Swats.DEFAULT_BETA1) * opt.scalarState().get(Swats.SGD_LEARNING_RATE));
                    assertTrue(step != 0, "Λ set");
                    for (int i = 0; i < n; i++) {
                        assertEquals(Float.floatToIntBits(before[i] + step * g[i]), Float.floatToIntBits(b[i]), "b[" + i + "], step " + t);
                    }
                    return;
                }
            }
            throw new AssertionError("no switch within 3000 steps");
        }
    }

    @Test
    void aPlanStepsWholeParametersOnly() {
        Swats rule = Swats.swats();
        assertTrue(rule.wholeParameters());
        assertTrue(Lookahead.around(rule).wholeParameters());
        assertFalse(dev.gradus.rules.Adam.adam().wholeParameters());
        float[] p = new float[10];
        ParamBuffers b = new ParamBuffers(MemorySegment.ofArray(p), MemorySegment.ofArray(new float[10]),
                List.of(MemorySegment.ofArray(new float[10]), MemorySegment.ofArray(new float[10]), MemorySegment.ofArray(new float[10])),
                rule.initialParameterScalars().clone());
        StepPlan plan = rule.plan(new StepContext(1, 1e-3, 1e-3, rule.initialScalars().clone()));
        var e = assertThrows(IllegalArgumentException.class, () -> plan.apply(ScalarUpdateKernels.INSTANCE, b, 0, 5));
        assertEquals("this plan steps whole parameters only (the rule's wholeParameters()): got the range [0, 5) "
                + "of a parameter of 10 elements", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.apply(ScalarUpdateKernels.INSTANCE, b, 1, 10));
        // its parts: the whole parameter in the Adam phase with index-order sums (one chain per sum)
        PartedPlan parted = (PartedPlan) plan;
        assertEquals(10, parted.partLength(b));
        var e4 = assertThrows(IllegalArgumentException.class, () -> parted.part(ScalarUpdateKernels.INSTANCE, b, 0, 5));
        assertEquals("[0, 5) is not a part of a parameter of 10 elements cut every 10 elements (expected a multiple of 10 "
                + "and the next one or the end)", e4.getMessage());
        assertArrayEquals(new float[10], p, "nothing written by a refused part");
        PartedPlan unsized = (PartedPlan) rule.plan(new StepContext(1, 1e-3, 1e-3, rule.initialScalars().clone()));
        var e5 = assertThrows(IllegalStateException.class, () -> unsized.part(ScalarUpdateKernels.INSTANCE, b, 0, 10));
        assertEquals("part [0, 10) of a parameter whose partLength was not asked first", e5.getMessage());
        assertArrayEquals(new float[10], p, "nothing written by a part before its partLength");
        plan.apply(ScalarUpdateKernels.INSTANCE, b, 0, 10);
        var noScalars = new ParamBuffers(b.param(), b.grad(), b.slots());
        var e2 = assertThrows(IllegalArgumentException.class, () -> plan.apply(ScalarUpdateKernels.INSTANCE, noScalars, 0, 10));
        assertEquals("SWATS needs the parameter scalars [scalingAvg, momentumStarted] in its buffers, got 0 values", e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> rule.plan(new StepContext(1, 1e-3, 1e-3)));
        assertEquals("SWATS needs its group scalars [phase, sgdLearningRate] in the step context, got 0 values", e3.getMessage());
    }

    @Test
    void stateNames() {
        assertEquals(List.of(Swats.M, Swats.V, Swats.MOMENTUM), Swats.swats().slotNames());
        assertEquals(List.of(Swats.M, Swats.V, Swats.V_MAX, Swats.MOMENTUM), Swats.swats().withAmsgrad(true).slotNames());
        assertEquals(List.of(Swats.PHASE, Swats.SGD_LEARNING_RATE), Swats.swats().scalarNames());
        assertEquals(List.of(Swats.PHASE_ADAM, 0.0), java.util.Arrays.stream(Swats.swats().initialScalars()).boxed().toList());
        assertEquals(List.of(Swats.SCALING_AVG, Swats.MOMENTUM_STARTED), Swats.swats().parameterScalarNames());
        assertEquals(1e-8, Swats.swats().eps());
        assertEquals(SwatsCompat.PAPER, Swats.swats().compat());
    }

    @Test
    void perStepScalarsFollowTheSources() {
        double lr = 3e-4, b1 = 0.8, b2 = 0.99, lambda = 2.9e-4f;
        Swats rule = Swats.swats().withBetas(b1, b2);
        SwatsCoefficients c = rule.coefficients(new StepContext(69, lr, lr, new double[] {Swats.PHASE_SGD, lambda}));
        double bc1 = 1 - Math.pow(b1, 69), bc2 = 1 - Math.pow(b2, 69);
        assertEquals((float) -(lr * Math.pow(bc2, 0.5) / bc1), c.negStepSize(), "ss = (lr·bc2 ** 0.5)/bc1");
        assertEquals((float) (-(1.0 - b1) * lambda), c.negSgdStep(), "paper: ⟨−(1−β1)·Λ⟩");
        SwatsCoefficients impl = rule.withCompat(SwatsCompat.IMPLEMENTATION)
                .coefficients(new StepContext(69, lr, lr, new double[] {Swats.PHASE_SGD, lambda}));
        assertEquals((float) -lambda, impl.negSgdStep(), "implementations: ⟨−Λ⟩, exact for a float32 Λ");
        assertEquals((float) (1.0 - b2), c.oneMinusBeta2());
        assertFalse(c.l2());
        assertTrue(rule.withWeightDecay(1e-300).coefficients(new StepContext(1, lr, lr, rule.initialScalars())).l2(),
                "λ ≠ 0 is decided on the double, even when ⟨λ⟩ rounds to 0");
    }

    @Test
    void theSwitchTestIsTorchAllcloseInFloat32() {
        assertTrue(Swats.close(1e-4f, 1e-4f));
        assertTrue(Swats.close(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY), "equal values, even infinite");
        assertFalse(Swats.close(1f, Float.POSITIVE_INFINITY), "an infinite error is never close");
        assertFalse(Swats.close(Float.NaN, Float.NaN));
        // |a − b| ≤ ⟨1e-8⟩ + |b·⟨1e-6⟩|, every operation in float32
        float b = 3e-6f, allowed = (float) 1e-8 + Math.abs(b * (float) 1e-6);
        float a = b;
        while (Math.abs(Math.nextUp(a) - b) <= allowed) {
            a = Math.nextUp(a);
        }
        assertTrue(Swats.close(a, b));
        assertFalse(Swats.close(Math.nextUp(a), b));
        assertTrue(Swats.close(b + 9e-9f, b), "the atol term dominates for small values");
        assertFalse(Swats.close(1f + 3e-6f, 1f), "the rtol term for large ones");
    }
}
