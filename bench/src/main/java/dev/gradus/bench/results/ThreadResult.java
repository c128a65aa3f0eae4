package dev.gradus.bench.results;

/**
 * One JMH result of {@code ThreadBench.step}: a whole {@code Optimizer.step()} over one parameter
 * of {@code size} floats (native memory) on {@code threads} threads, every step split.
 *
 * @param rule      the {@code BenchRules} name
 * @param size      elements per step
 * @param threads   1 (single-threaded) or the {@code StepPool} size
 * @param nsPerCall JMH's score: average ns per step
 * @param errorNs   JMH's 99.9% confidence half-width of the score (NaN with too few samples)
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record ThreadResult(String rule, long size, int threads, double nsPerCall, double errorNs, double spread) implements Measured {
}
