package dev.gradus.bench.results;

/**
 * One JMH result of {@code StepBench.step} late in a run: the SIMD step over {@code size} floats at
 * steps {@code fromStep} onwards, where the bias corrections of the Adam family have rounded to 1
 * and its kernels leave that division out.
 *
 * @param rule      the {@code BenchRules} name
 * @param size      elements per step
 * @param memory    {@code array} or {@code native}
 * @param fromStep  the first step of the measured cycle
 * @param nsPerCall JMH's score: average ns per step
 * @param errorNs   JMH's 99.9% confidence half-width of the score (NaN with too few samples)
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record LateStepResult(String rule, long size, String memory, long fromStep, double nsPerCall, double errorNs,
                             double spread) implements Measured {
}
