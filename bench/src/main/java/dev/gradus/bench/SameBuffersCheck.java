package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A diagnostic, not a benchmark: steps several rules with the SIMD kernels over the <em>same</em>
 * four buffers in one JVM, in turn, and prints each one's mean step time. It tells a slow mode of
 * one rule's compiled code in this JVM (the others fast over the same memory) from slow memory
 * (all slow). Run it in several fresh JVMs; compare the rules' times within a line only:
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.gradus.bench.SameBuffersCheck yogi,adam native 16777216</pre>
 * Arguments: rules (comma-separated, each stepped twice in turn; a rule's state slots are the first of
 * the shared slot buffers), {@code native} or {@code array}, floats per buffer. Performance figures come from JMH ({@link StepBench}).
 */
public final class SameBuffersCheck {

    private static final int STEPS = 200;

    private SameBuffersCheck() {
    }

    public static void main(String[] args) {
        String[] rules = (args.length > 0 ? args[0] : "yogi,adam").split(",");
        boolean heap = args.length > 1 && args[1].equals("array");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 24;
        int slots = 0;
        for (String name : rules) {
            slots = Math.max(slots, BenchRules.get(name).slotNames().size());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] b = new MemorySegment[2 + slots];
            for (int i = 0; i < b.length; i++) {
                b[i] = heap ? MemorySegment.ofArray(new float[size]) : arena.allocate(4L * size, 64);
            }
            SplittableRandom random = new SplittableRandom(42);
            for (long i = 0; i < size; i++) {
                b[0].setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
                b[1].setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-2));
            }
            UpdateKernels k = Kernels.byName("vector");
            List<String> line = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String name : rules) {
                    line.add(String.format("%s %.2f ms", name, meanStepMillis(name, k, b, size)));
                }
            }
            System.out.println(String.join("  ", line));
        }
    }

    /**
     * Warms the rule's kernel up as {@link StepBench} does, then times {@link #STEPS} whole-buffer steps,
     * applying the plans of steps 10, 11, … in turn as {@link StepBench} does (Lookahead syncs every 5th).
     * The rule's slots are the first of the shared slot buffers, set to its initial slot values.
     */
    private static double meanStepMillis(String name, UpdateKernels k, MemorySegment[] b, int size) {
        Rule r = BenchRules.get(name);
        List<MemorySegment> slots = new ArrayList<>();
        for (String s : r.slotNames()) {
            MemorySegment seg = b[2 + slots.size()];
            seg.fill((byte) 0);
            float init = r.initialSlotValue(s);
            for (long i = 0; i < size && init != 0f; i++) {
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, init);
            }
            slots.add(seg);
        }
        ParamBuffers buf = new ParamBuffers(b[0], b[1], slots, r.initialParameterScalars().clone());
        double lr = BenchRules.learningRate(r);
        double[] scalars = r.initialScalars().clone();
        for (int t = 1; t < 10; t++) {
            r.plan(new StepContext(t, lr, lr, scalars));
        }
        StepPlan[] plans = new StepPlan[r.wholeParameters() ? 1 : StepBench.CYCLE];
        for (int t = 0; t < plans.length; t++) {
            plans[t] = r.plan(new StepContext(10 + t, lr, lr, scalars));
        }
        for (int i = 0; i < StepBench.PREWARM_CALLS; i++) {
            plans[i % plans.length].apply(k, buf, 0, Math.min(size, StepBench.PREWARM_ELEMENTS));
        }
        for (int i = 0; i < 100; i++) {
            plans[i % plans.length].apply(k, buf, 0, size);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            plans[i % plans.length].apply(k, buf, 0, size);
        }
        return (System.nanoTime() - t0) / 1e6 / STEPS;
    }
}
