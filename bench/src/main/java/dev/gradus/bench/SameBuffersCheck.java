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
 * Arguments: rules with two state slots (comma-separated, each stepped twice in turn), {@code native}
 * or {@code array}, floats per buffer. Performance figures come from JMH ({@link StepBench}).
 */
public final class SameBuffersCheck {

    private static final int STEPS = 200;

    private SameBuffersCheck() {
    }

    public static void main(String[] args) {
        String[] rules = (args.length > 0 ? args[0] : "yogi,adam").split(",");
        boolean heap = args.length > 1 && args[1].equals("array");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 24;
        for (String name : rules) {
            List<String> slots = BenchRules.get(name).slotNames();
            if (slots.size() != 2) {
                throw new IllegalArgumentException("rule " + name + " has state slots " + slots
                        + ", expected two (the check steps four buffers: parameter, gradient and two slots)");
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] b = new MemorySegment[4];
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

    /** Warms the rule's kernel up as {@link StepBench} does, then times {@link #STEPS} whole-buffer steps. */
    private static double meanStepMillis(String name, UpdateKernels k, MemorySegment[] b, int size) {
        Rule r = BenchRules.get(name);
        ParamBuffers buf = new ParamBuffers(b[0], b[1], List.of(b[2], b[3]), r.initialParameterScalars().clone());
        double lr = BenchRules.learningRate(r);
        double[] scalars = r.initialScalars().clone();
        for (int t = 1; t < 10; t++) {
            r.plan(new StepContext(t, lr, lr, scalars));
        }
        StepPlan plan = r.plan(new StepContext(10, lr, lr, scalars));
        for (int i = 0; i < StepBench.PREWARM_CALLS; i++) {
            plan.apply(k, buf, 0, Math.min(size, StepBench.PREWARM_ELEMENTS));
        }
        for (int i = 0; i < 100; i++) {
            plan.apply(k, buf, 0, size);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            plan.apply(k, buf, 0, size);
        }
        return (System.nanoTime() - t0) / 1e6 / STEPS;
    }
}
