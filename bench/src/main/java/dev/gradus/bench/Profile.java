package dev.gradus.bench;

import dev.gradus.Optimizer;
import dev.gradus.bench.results.Figures;

import java.util.List;
import java.util.Locale;

/**
 * How much the report measures.
 *
 * <p><b>quick</b> (default): sizes 64K (in L2: bound by the arithmetic) and 16M (in DRAM: bound
 * by memory), both kernel sets, both memory kinds, 3 × 150 ms warm-up and 3 × 200 ms measured
 * per fork: with 13 rules 104 step forks + 8 probe forks, about 2.25 s each (JVM start, buffers,
 * the count-based pre-warm of {@link StepBench}, the iterations), about 4 minutes on 2 cores.
 * <b>thorough</b>: sizes 4K, 64K, 1M, 16M (L1/L2, L2, L3, DRAM), 3 × 1 s warm-up and 5 × 1 s
 * measured: with 13 rules 208 + 16 forks, about 35 minutes. Both: one fork per parameter
 * combination unless {@code --forks} asks for more (then each figure is the median of the forks'
 * means), fixed heap ({@code -Xms6g -Xmx6g}). The race is the same in both. Unless
 * {@code --no-threads}, both add the thread part at their {@link #threadSizes()} (quick: 64K, 16M;
 * thorough: 64K, 1M, 16M): each rule on 1 and 2 threads, the two probes on 2 threads, and 6
 * multi-tensor forks, with the same iterations.
 *
 * @param forkOverheadSeconds estimated JVM start, JMH set-up and buffer filling per fork, for the
 *                            time estimate printed before the run
 * @param forks               JVMs per parameter combination (1 unless {@code --forks}): on a noisy
 *                            machine one fork can land in a slow moment, several give a median
 */
public record Profile(String name, List<Long> sizes, List<String> memory, int warmupIterations, int warmupMillis,
                      int measurementIterations, int measurementMillis, double forkOverheadSeconds, int forks) {

    public static final Profile QUICK = new Profile("quick", List.of(65_536L, 16_777_216L), List.of("array", "native"),
            3, 150, 3, 200, 1.2, 1);
    public static final Profile THOROUGH = new Profile("thorough", List.of(4_096L, 65_536L, 1_048_576L, 16_777_216L),
            List.of("array", "native"), 3, 1000, 5, 1000, 1.5, 1);

    public Profile {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        sizes = List.copyOf(sizes);
        memory = List.copyOf(memory);
    }

    public Profile withSizes(List<Long> sizes) {
        return new Profile(name, sizes, memory, warmupIterations, warmupMillis, measurementIterations, measurementMillis,
                forkOverheadSeconds, forks);
    }

    public Profile withMemory(List<String> memory) {
        return new Profile(name, sizes, memory, warmupIterations, warmupMillis, measurementIterations, measurementMillis,
                forkOverheadSeconds, forks);
    }

    public Profile withForks(int forks) {
        return new Profile(name, sizes, memory, warmupIterations, warmupMillis, measurementIterations, measurementMillis,
                forkOverheadSeconds, forks);
    }

    /**
     * The sizes of the thread benchmarks: those from {@link Optimizer#DEFAULT_PARALLEL_THRESHOLD} up
     * (64K), where a default optimizer splits a step over its pool.
     */
    public List<Long> threadSizes() {
        return sizes.stream().filter(s -> s >= Optimizer.DEFAULT_PARALLEL_THRESHOLD).toList();
    }

    /** Estimated seconds per fork. */
    public double secondsPerFork() {
        return forkOverheadSeconds + (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }

    /** "3 rule(s) × sizes 64K, 16M × memory {float[], native} × kernels {scalar, SIMD}; per fork …" (and "; 3 forks each, median"). */
    public String describe(int rules, List<String> kernels) {
        return String.format(Locale.ROOT, "%d rule(s) × sizes %s × memory {%s} × kernels {%s}; per fork %d × %d ms warm-up, "
                        + "%d × %d ms measured", rules, String.join(", ", sizes.stream().map(Figures::sizeLabel).toList()),
                String.join(", ", memory.stream().map(Figures::memoryLabel).toList()),
                String.join(", ", kernels.stream().map(Figures::kernelsLabel).toList()),
                warmupIterations, warmupMillis, measurementIterations, measurementMillis)
                + (forks > 1 ? "; " + forks + " forks each, the median of their means" : "");
    }
}
