package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.Optimizer;
import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.AdaMod;
import dev.gradus.rules.Adam;
import dev.gradus.rules.DiffGrad;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once C2 has compiled them, the vector kernels do not allocate per element. A vector the compiler
 * cannot keep in registers (an array of vectors, for one) becomes an object on every iteration, and the
 * kernel then runs slower than its scalar reference: that is what the clip norm's sum did until session
 * 4, unnoticed by the equivalence tests. This is no timing test: each call runs over 8192 floats; a
 * boxing kernel allocates objects on every vector iteration (that sum: 99,400 bytes a call at this size,
 * 512 bits), a step's own bookkeeping about 1.5 KiB; each case is called until one call allocates at most
 * {@value #LIMIT} bytes (the compiled code without boxing) or {@value #BUDGET_SECONDS} s have passed, and
 * the least allocation must be within the limit.
 *
 * <p>The buffers come from shared arenas. With parameters from confined ones and the optimizer's state
 * in its shared arena (before the state followed the parameter's kind), several kernels (Adam with
 * decoupled decay, AMSGrad, AMSBound, AdaMod, SWATS's AMSGrad phases) were recompiled again and again
 * by C2 ("profile_predicate" traps) and allocated 0.3–0.9 MB a call for 10–20 s before settling, in this
 * test and in a plain loop; the README's performance section describes it. With heap parameters and
 * off-heap state the same effect did not settle, and the last test here guards against its return.
 */
@Tag("vector-width")
class CompiledKernelAllocationTest {

    private static final int N = 8192;
    private static final long LIMIT = 8192;
    private static final int BUDGET_SECONDS = 60;

    private static void check(String what, Runnable call) {
        long start = System.nanoTime();
        long least = ThreadAllocation.least(call, LIMIT, BUDGET_SECONDS);
        System.out.printf("[gradus] allocation @%d bits: %s %d bytes per call (%.1f s to reach it)%n",
                FloatSpecies.SPECIES.vectorBitSize(), what, least, (System.nanoTime() - start) / 1e9);
        assertTrue(least <= LIMIT, what + " at " + FloatSpecies.SPECIES.vectorBitSize() + " bits allocated at least " + least
                + " bytes per call over " + N + " floats in " + BUDGET_SECONDS + " s: vectors boxed in compiled code?");
    }

    private static MemorySegment filled(Arena arena, SplittableRandom r, double scale) {
        return filled(arena.allocate(4L * N, 64), r, scale);
    }

    /** {@code s} ({@value #N} floats) filled with N(0, scale²) values. */
    private static MemorySegment filled(MemorySegment s, SplittableRandom r, double scale) {
        for (int i = 0; i < N; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (r.nextGaussian() * scale));
        }
        return s;
    }

    @Test
    void theTransformsDoNotAllocatePerElement() {
        TransformKernels t = VectorKernelsAvailable.compiledOrSkip().transforms();
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment g = filled(arena, new SplittableRandom(1), 1.0);
            check("sumOfSquares", () -> t.sumOfSquares(g, 0, N));
            check("sum", () -> t.sum(g, 0, N));
            check("maxAbs", () -> t.maxAbs(g, 0, N));
            check("allFinite", () -> t.allFinite(g, 0, N));
            check("scale", () -> t.scale(g, 0, N, 1f));
            check("clamp", () -> t.clamp(g, 0, N, -10f, 10f));
            check("add", () -> t.add(g, 0, N, 0f));
        }
    }

    /** SWATS's Adam phases, both summations, called directly (an optimizer could switch to its SGD phase). */
    @Test
    void theSwatsAdamPhasesDoNotAllocatePerElement() {
        SwatsKernels k = VectorKernelsAvailable.compiledOrSkip().swats();
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        SwatsCoefficients c = Swats.swats().coefficients(new StepContext(10, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(2);
            MemorySegment p = filled(arena, r, 1.0), g = filled(arena, r, 1e-2), m = filled(arena, r, 1e-3);
            MemorySegment v = arena.allocate(4L * N, 64), vMax = arena.allocate(4L * N, 64);
            double[] sums = new double[2];
            check("swats adam", () -> k.adam(p, g, m, v, 0, N, c, sums, 0));
            check("swats amsgrad", () -> k.amsgrad(p, g, m, v, vMax, 0, N, c, sums, 0));
            check("swats adamFixedOrder", () -> k.adamFixedOrder(p, g, m, v, 0, N, c, sums, 0));
            check("swats amsgradFixedOrder", () -> k.amsgradFixedOrder(p, g, m, v, vMax, 0, N, c, sums, 0));
        }
    }

    /** A whole single-threaded step of every other rule, with the L2-norm clip (and one with the ∞-norm). */
    @Test
    void aStepOfEveryRuleDoesNotAllocatePerElement() {
        UpdateKernels vector = VectorKernelsAvailable.compiledOrSkip();
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        Map<String, Rule> rules = ElementWiseRules.all();
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            GradientClip clip = e.getKey().equals("adam") ? GradientClip.infinityNorm(1e3) : GradientClip.norm(1e3);
            try (Arena arena = Arena.ofShared()) {
                SplittableRandom r = new SplittableRandom(3);
                checkStep(e.getKey() + " step", e.getValue(), clip, vector, filled(arena, r, 1.0), filled(arena, r, 1e-2));
            }
        }
    }

    /** A single-threaded clipped step of {@code rule} over {@code w} and its gradient {@code g}, checked as {@link #check} does. */
    private static void checkStep(String what, Rule rule, GradientClip clip, UpdateKernels vector, MemorySegment w, MemorySegment g) {
        try (Optimizer opt = Optimizer.builder(rule).learningRate(1e-3).kernels(vector).clip(clip).singleThreaded().build()) {
            opt.register("w", w, g);
            check(what, opt::step);
        }
    }

    /**
     * Steps over heap segments ({@code MemorySegment.ofArray}) registered through the segment overload,
     * with the L2-norm clip. Until the state followed the parameter's memory kind, this registration put
     * the state off-heap, and C2 recompiled the Adam kernel again and again: 0.4–0.8 MB per step for the
     * whole 60 s budget (checked: this test failed then), while {@code float[]} registration settled in
     * under a second. DiffGrad too: a first version of its inline exp compiled with two of the kernel's
     * four stores left as calls on heap segments (40 ns per element in {@code StepBench}).
     */
    @Test
    void stepsOverHeapSegmentsDoNotAllocatePerElement() {
        UpdateKernels vector = VectorKernelsAvailable.compiledOrSkip();
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("adam", Adam.adam());
        rules.put("adam with L2 decay", Adam.adam().withWeightDecay(0.01));
        rules.put("adamw", Adam.adamW());
        rules.put("diffgrad", new DiffGrad());
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            SplittableRandom r = new SplittableRandom(4);
            checkStep(e.getKey() + " step, heap segments", e.getValue(), GradientClip.norm(1e3), vector,
                    filled(MemorySegment.ofArray(new float[N]), r, 1.0), filled(MemorySegment.ofArray(new float[N]), r, 1e-2));
        }
    }
}
