package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.Optimizer;
import dev.gradus.StepPool;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.reference.ScalarUpdateKernels;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.Ranger;
import dev.gradus.rules.Rule;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsSums;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A step over many parameters allocates nothing per parameter (the multi-tensor step's promise): a
 * step over {@value #PARAMETERS} parameters of {@value #LENGTH} floats, on one thread and on a pool of
 * two (the workers' allocations counted too), allocates at most {@value #LIMIT} bytes, the step's own
 * bookkeeping (about 1 KiB), for every rule, and for Adam with each gradient clip, with the scalar kernels and
 * (when the JVM has them) the vector ones. SWATS, whose parameters step one after another, each with its own parts and finish, once
 * allocated about 120 bytes per parameter (the parts' results list, their records, the task; the performance history, session 21).
 * Each case is stepped until one step is within the limit or {@value #BUDGET_SECONDS} s have passed,
 * so the interpreter's and C1's allocations before C2 compiles the loop do not count (one run of 20 s per
 * case here failed once, on a case not printed; the usual wait is under a second).
 *
 * <p>It runs in a JVM of its own (the {@code fresh-jvm-allocation} execution): in the suite's JVM, after
 * tests over every kind of segment (heap segments over bytes and floats, read-only, native, mapped), Ranger's
 * step allocated 16 bytes per row it centralised (0.5 MB a step here), most likely the {@code Optional} that
 * {@code MemorySegment.heapBase()} returns, no longer removed by C2 once that call site has seen many
 * segment classes. A program stepping its own {@code float[]} or native parameters does not build such a
 * profile; the README's performance section says what remains.
 */
@Tag("fresh-jvm-allocation")
class ManyParametersAllocationTest {

    private static final int PARAMETERS = 1000;
    private static final int LENGTH = 1024;
    private static final long LIMIT = 4096;
    private static final int BUDGET_SECONDS = 60;

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = ElementWiseRules.all();
        rules.put("swats", Swats.swats());
        rules.put("swats-amsgrad", Swats.swats().withAmsgrad(true));
        rules.put("swats-double", Swats.swats().withSums(SwatsSums.FIXED_ORDER_DOUBLE));
        rules.put("lookahead-swats", Lookahead.around(Swats.swats()));
        return rules;
    }

    @Test
    void aStepOverManyParametersAllocatesNothingPerParameter() {
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        List<String> over = new ArrayList<>();
        try (StepPool pool = StepPool.create(2)) {
            for (UpdateKernels kernels : kernelSets()) {
                String set = kernels == ScalarUpdateKernels.INSTANCE ? "scalar " : "vector ";
                for (Map.Entry<String, Rule> e : rules().entrySet()) {
                    measure(set + e.getKey(), e.getValue(), null, kernels, pool, PARAMETERS, LENGTH, over);
                }
                Map<String, GradientClip> clips = new LinkedHashMap<>();
                clips.put("L2-norm clip", GradientClip.norm(1e-3));
                clips.put("∞-norm clip", GradientClip.infinityNorm(1e-4));
                clips.put("value clip", GradientClip.value(1e-4));
                for (Map.Entry<String, GradientClip> c : clips.entrySet()) {
                    measure(set + "adam, " + c.getKey(), Adam.adam(), c.getValue(), kernels, pool, PARAMETERS, LENGTH, over);
                }
            }
        }
        assertTrue(over.isEmpty(), "a step over " + PARAMETERS + " parameters of " + LENGTH + " floats allocated more than "
                + LIMIT + " bytes (least bytes per step): " + over);
    }

    /**
     * SWATS parameters of several parts each ({@link SwatsSums#PART_LENGTH} floats a part; the double sums cut
     * them in the Adam phase too, and these data switch to the SGD phase) make one job a parameter on a pool:
     * each job and its task were once new objects, about 250 bytes a parameter a step (10 KB here; the performance
     * history, session 23).
     * With this JVM's selected kernels only: the scalar ones' SGD phase over {@code float[]} may keep an
     * {@code Optional} a part from {@code MemorySegment.heapBase()} where C2 judges the call too rare to inline
     * (8.4 KB a step here on one thread; the README's "what remains").
     */
    @Test
    void swatsParametersOfManyPartsAllocateNothingPerParameterOnAPool() {
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        List<String> over = new ArrayList<>();
        try (StepPool pool = StepPool.create(2)) {
            UpdateKernels kernels = Kernels.selected();
            String set = kernels == ScalarUpdateKernels.INSTANCE ? "scalar " : "vector ";
            measure(set + "swats-double, 4 parts each", Swats.swats().withSums(SwatsSums.FIXED_ORDER_DOUBLE), null, kernels,
                    pool, 40, (int) (4 * SwatsSums.PART_LENGTH), over);
        }
        assertTrue(over.isEmpty(), "a step over 40 SWATS parameters of 4 parts allocated more than " + LIMIT
                + " bytes (least bytes per step): " + over);
    }

    /** The scalar reference, and the vector kernels when this JVM has them. */
    private static List<UpdateKernels> kernelSets() {
        UpdateKernels selected = Kernels.selected();
        return selected == ScalarUpdateKernels.INSTANCE ? List.of(selected) : List.of(ScalarUpdateKernels.INSTANCE, selected);
    }

    /**
     * One rule's steps over {@code count} parameters of {@code length} floats, on one thread and on {@code pool};
     * any over the limit added to {@code over}.
     */
    private static void measure(String name, Rule rule, GradientClip clip, UpdateKernels kernels, StepPool pool,
                                int count, int length, List<String> over) {
        for (StepPool p : new StepPool[] {null, pool}) {
            var builder = Optimizer.builder(rule).learningRate(1e-3).kernels(kernels);
            if (clip != null) {
                builder.clip(clip);
            }
            try (Optimizer opt = (p == null ? builder.singleThreaded() : builder.pool(p)).build()) {
                for (int i = 0; i < count; i++) {
                    float[] w = new float[length], g = new float[length];
                    Arrays.fill(w, 0.5f);
                    for (int j = 0; j < length; j++) {
                        g[j] = ((i + j) % 7 - 3) * 1e-3f;
                    }
                    opt.register("w" + i, w, g, 32, length / 32);      // 2-D: Ranger centralises its rows
                }
                long start = System.nanoTime();
                long least = ThreadAllocation.least(opt::step, LIMIT, BUDGET_SECONDS, p == null ? null : "gradus-pool-");
                String what = name + (p == null ? ", one thread" : ", two threads");
                System.out.printf("[gradus] allocation: %s, %d parameters: %d bytes per step (%.1f s to reach it)%n", what,
                        count, least, (System.nanoTime() - start) / 1e9);
                if (least > LIMIT) {
                    over.add(what + ": " + least);
                }
            }
        }
    }
}
