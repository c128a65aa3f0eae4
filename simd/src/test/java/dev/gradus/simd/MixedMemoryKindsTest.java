package dev.gradus.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.gradus.GradientClip;
import dev.gradus.Optimizer;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Adam;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's advice for one JVM stepping both memory kinds: with {@code -XX:-UseProfiledLoopPredicate}
 * the vector kernels settle after the switch. Runs only in the {@code mixed-memory-kinds} execution,
 * whose JVM has that flag, and checks that it has.
 *
 * <p>Why the flag: C2 hoists a check of what the profile says out of the kernel loop (a "profiled loop
 * predicate"). The JDK's segment code keeps the profile it had when it was compiled, so after a long
 * run over {@code float[]} parameters the first native ones fail that check, C2 compiles the kernel
 * again from the same profile, until the method has trapped 100 times: AdamW over 8192 native floats
 * ran 800–3,000 instead of about 140,000 steps a second, allocating 0.1–0.8 MB each, for about 30 s, in
 * 8 of 14 plain runs after 15–20 s over {@code float[]} (JDK 25.0.3; {@code -Xlog:deoptimization=debug}:
 * trap reason {@code profile_predicate} at {@code VectorAdam.adam}'s loop). Without the predicate it
 * settled within 0.9 s in 9 of 9 runs. This is no timing test: like
 * {@link CompiledKernelAllocationTest} it asks for one step that allocates at most {@value #LIMIT}
 * bytes, which the stalled steps never reach.
 */
@Tag("mixed-memory-kinds")
class MixedMemoryKindsTest {

    private static final int N = 8192;
    private static final long LIMIT = 8192;
    /** How long the {@code float[]} phase runs first: stalls followed phases of 6 s and more. */
    private static final int FIRST_PHASE_SECONDS = 15;
    private static final int SETTLE_SECONDS = 10;

    @Test
    void afterLongFloatArrayStepsNativeStepsSettle() {
        UpdateKernels vector = VectorKernelsAvailable.orSkip();
        assumeTrue(ThreadAllocation.counted(), "this JVM does not count a thread's allocations");
        String predicate = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("UseProfiledLoopPredicate").getValue();
        assertEquals("false", predicate, "UseProfiledLoopPredicate: this test checks the README's -XX:-UseProfiledLoopPredicate,"
                + " run it in the mixed-memory-kinds execution");
        SplittableRandom r = new SplittableRandom(5);
        float[] w = new float[N], g = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = (float) r.nextGaussian();
            g[i] = (float) (r.nextGaussian() * 1e-2);
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment nw = arena.allocate(4L * N, 64), ng = arena.allocate(4L * N, 64);
            nw.copyFrom(MemorySegment.ofArray(w));
            ng.copyFrom(MemorySegment.ofArray(g));
            try (Optimizer heap = optimizer(vector); Optimizer offHeap = optimizer(vector)) {
                heap.register("w", w, g);
                offHeap.register("w", nw, ng);
                long end = System.nanoTime() + FIRST_PHASE_SECONDS * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    heap.step();
                }
                settles("native, after " + FIRST_PHASE_SECONDS + " s of float[]", offHeap);
                settles("float[] again", heap);
            }
        }
    }

    private static Optimizer optimizer(UpdateKernels vector) {
        return Optimizer.builder(Adam.adamW()).learningRate(1e-3).kernels(vector).clip(GradientClip.norm(1e3)).singleThreaded().build();
    }

    /** Steps {@code opt} until one step allocates at most {@link #LIMIT} bytes, within {@link #SETTLE_SECONDS}. */
    private static void settles(String what, Optimizer opt) {
        long start = System.nanoTime();
        long least = ThreadAllocation.least(opt::step, LIMIT, SETTLE_SECONDS);
        System.out.printf("[gradus] mixed memory kinds: AdamW over %d floats, %s: %d bytes per step (%.1f s to reach it)%n",
                N, what, least, (System.nanoTime() - start) / 1e9);
        assertTrue(least <= LIMIT, "AdamW over " + N + " floats, " + what + ": at least " + least + " bytes per step after "
                + SETTLE_SECONDS + " s: the kernel still recompiled or interpreted?");
    }
}
