package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A diagnostic, not a benchmark: steps one rule with the SIMD kernels over the first 16M, 64K and 4K floats
 * of the same buffers in one JVM, so one compiled loop runs from DRAM, from L2 and from near L1, in turn
 * (two rounds), and prints nanoseconds per element for each. Where C2's unrolled loop lands decides whether
 * a JVM runs some kernels about 30% slower at 16M (history, session 28); run in JVMs whose loops land in
 * different places (e.g. {@code JAVA_TOOL_OPTIONS="-XX:+UnlockExperimentalVMOptions -XX:CodeEntryAlignment=64
 * -XX:OptoLoopAlignment=32"} against {@code =16}), it shows at which sizes a slow placement costs:
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.gradus.bench.CacheLevelsCheck adabound array</pre>
 * Arguments: the rule, {@code array} or {@code native}. Each timing covers as many elements as
 * {@link SameBuffersCheck}'s 200 steps at 16M. Performance figures come from JMH ({@link StepBench}).
 */
public final class CacheLevelsCheck {

    /** The sizes stepped, largest first: DRAM, L2 and near L1 on the development VM (1 MB of L2 a core). */
    static final int[] SIZES = {1 << 24, 1 << 16, 1 << 12};
    /** Elements each timing covers (steps = this ÷ size): {@link SameBuffersCheck}'s steps at 16M. */
    static final long TIMED_ELEMENTS = (long) SameBuffersCheck.STEPS << 24;

    private CacheLevelsCheck() {
    }

    public static void main(String[] args) {
        String rule = args.length > 0 ? args[0] : "adabound";
        boolean heap = args.length <= 1 || args[1].equals("array");
        System.out.println(line(rule, heap, SIZES, TIMED_ELEMENTS, Kernels.byName("vector")));
    }

    /**
     * The rule's ns per element at each of {@code sizes} (largest first: the buffers are that long), two
     * rounds in turn, each timing {@code timedElements / size} steps (at least one):
     * {@code "16777216 0.3674 ns/el  65536 0.1343 ns/el  4096 0.1365 ns/el  16777216 …"}.
     */
    static String line(String rule, boolean heap, int[] sizes, long timedElements, UpdateKernels k) {
        int slots = BenchRules.get(rule).slotNames().size();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] b = SameBuffersCheck.buffers(arena, heap, sizes[0], slots);
            List<String> line = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int size : sizes) {
                    double ms = SameBuffersCheck.meanStepMillis(rule, k, b, size, Math.max(1, timedElements / size));
                    line.add(String.format(Locale.ROOT, "%d %.4f ns/el", size, ms * 1e6 / size));
                }
            }
            return String.join("  ", line);
        }
    }
}
