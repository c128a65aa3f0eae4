package dev.gradus.bench.results;

/**
 * One JMH result of {@code StepBench.step}: one optimizer step over {@code size} floats.
 *
 * @param rule      the {@code BenchRules} name
 * @param size      elements per step
 * @param kernels   {@code scalar} or {@code vector}
 * @param memory    {@code array} (float[] through heap segments) or {@code native} (64-byte aligned)
 * @param nsPerCall JMH's score: average ns per step
 * @param errorNs   JMH's 99.9% confidence half-width of the score (NaN with too few samples)
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record StepResult(String rule, long size, String kernels, String memory, double nsPerCall, double errorNs,
                         double spread) implements Measured {
}
