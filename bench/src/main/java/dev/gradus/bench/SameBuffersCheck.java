package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepPlan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** Steps each timing covers. */
    static final int STEPS = 200;

    private SameBuffersCheck() {
    }

    public static void main(String[] args) {
        String[] rules = (args.length > 0 ? args[0] : "yogi,adam").split(",");
        boolean heap = args.length > 1 && args[1].equals("array");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 24;
        System.out.println(line(rules, heap, size, Kernels.byName("vector")));
    }

    /**
     * Each rule's mean step time over the same buffers with kernels {@code k}, two rounds of the rules
     * in turn: {@code "yogi 11.92 ms  adam 11.83 ms  yogi 11.90 ms  adam 11.85 ms"}. Native buffers are
     * placed as {@link StepBench}'s ({@link PagePlacement}).
     */
    static String line(String[] rules, boolean heap, int size, UpdateKernels k) {
        int slots = 0;
        for (String name : rules) {
            slots = Math.max(slots, BenchRules.get(name).slotNames().size());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] b = buffers(arena, heap, size, slots);
            List<String> line = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String name : rules) {
                    line.add(String.format(Locale.ROOT, "%s %.4g ms", name, meanStepMillis(name, k, b, size, STEPS)));
                }
            }
            return String.join("  ", line);
        }
    }

    /**
     * A value, a gradient (seeded as {@link StepBench}'s) and {@code slots} slot buffers of {@code size} floats:
     * {@code float[]}-backed, or native memory of {@code arena} placed as {@link StepBench}'s ({@link PagePlacement}).
     */
    static MemorySegment[] buffers(Arena arena, boolean heap, int size, int slots) {
        PagePlacement placement = new PagePlacement(arena);
        MemorySegment[] b = new MemorySegment[2 + slots];
        for (int i = 0; i < b.length; i++) {
            b[i] = heap ? MemorySegment.ofArray(new float[size]) : placement.next(size);
        }
        StepBench.fillSeeded(b[0], b[1], size);
        return b;
    }

    /**
     * Sets the first {@code size} floats of the rule's slots (the first of the shared slot buffers) to its
     * initial values, plans and pre-warms it as {@link StepBench} does, steps the first {@code size} floats
     * 100 times, then times {@code steps} such steps, applying {@link StepBench}'s cycle of plans in turn.
     */
    static double meanStepMillis(String name, UpdateKernels k, MemorySegment[] b, int size, long steps) {
        Rule r = BenchRules.get(name);
        List<MemorySegment> slots = new ArrayList<>();
        for (String s : r.slotNames()) {
            MemorySegment seg = b[2 + slots.size()];
            StepBench.initialiseSlot(r, s, seg, size);
            slots.add(seg);
        }
        ParamBuffers buf = new ParamBuffers(b[0], b[1], slots, r.initialParameterScalars().clone());
        StepPlan[] plans = StepBench.steadyPlans(r, r.initialScalars().clone());
        StepBench.prewarm(plans, k, buf, size);
        for (int i = 0; i < 100; i++) {
            plans[i % plans.length].apply(k, buf, 0, size);
        }
        long t0 = System.nanoTime();
        for (long i = 0; i < steps; i++) {
            plans[(int) (i % plans.length)].apply(k, buf, 0, size);
        }
        return (System.nanoTime() - t0) / 1e6 / steps;
    }
}
