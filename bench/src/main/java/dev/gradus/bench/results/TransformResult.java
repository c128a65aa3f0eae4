package dev.gradus.bench.results;

import dev.gradus.bench.Transform;

/**
 * One JMH result of {@code NormBench}: a gradient transform over {@code size} floats.
 *
 * @param transform the transform
 * @param size      elements per call
 * @param kernels   {@code scalar} or {@code vector}
 * @param memory    {@code array} or {@code native}
 * @param nsPerCall JMH's score: average ns per call
 * @param errorNs   JMH's 99.9% confidence half-width of the score (NaN with too few samples)
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record TransformResult(Transform transform, long size, String kernels, String memory, double nsPerCall, double errorNs,
                              double spread) implements Measured {
}
