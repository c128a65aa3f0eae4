package dev.gradus.bench;

import dev.gradus.Optimizer;

import java.util.function.IntFunction;

/**
 * The count-based warm-up of the benchmarks that time whole {@link Optimizer#step()}s
 * ({@link ThreadBench}, {@link MultiTensorBench}), as {@link StepBench} does for its kernels: the
 * Vector API code is thousands of times slower in the interpreter, so reaching C2 through a few
 * slow steps over millions of floats can outlast a short timed warm-up. Before the timed warm-up,
 * an optimizer of the benchmark's settings steps a short parameter of the same memory kind
 * {@value #CALLS} times on the calling thread; for a pooled benchmark another steps a parameter of
 * {@value #POOL_ELEMENTS} elements (several tasks, so the workers run some) {@value #POOL_CALLS}
 * times on the pool. With the fork flag {@code -XX:-BackgroundCompilation} the compiled code is in
 * place before JMH's timed warm-up begins.
 */
final class StepWarmup {
    private StepWarmup() {
    }

    /** Steps of the single-threaded warm-up. */
    static final int CALLS = StepBench.PREWARM_CALLS;
    /** Elements of the single-threaded warm-up. */
    static final int ELEMENTS = StepBench.PREWARM_ELEMENTS;
    /** Steps of the pooled warm-up. */
    static final int POOL_CALLS = 1_000;
    /** Elements of the pooled warm-up: more than one task of the optimizer's split. */
    static final int POOL_ELEMENTS = 1 << 16;

    /**
     * @param singleThreaded builds a single-threaded optimizer of the benchmark's settings over one
     *                       parameter of the given length
     * @param pooled         the same on the benchmark's pool with threshold 0; null for one thread
     */
    static void run(IntFunction<Optimizer> singleThreaded, IntFunction<Optimizer> pooled) {
        step(singleThreaded.apply(ELEMENTS), CALLS);
        if (pooled != null) {
            step(pooled.apply(POOL_ELEMENTS), POOL_CALLS);
        }
    }

    private static void step(Optimizer opt, int calls) {
        try (opt) {
            for (int i = 0; i < calls; i++) {
                opt.step();
            }
        }
    }
}
