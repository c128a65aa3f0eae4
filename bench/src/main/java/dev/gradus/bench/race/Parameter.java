package dev.gradus.bench.race;

/**
 * A named weight or bias array of a model, its gradient array (same length) and its shape
 * (row-major, {@code [out, in]} for a weight matrix as torch's {@code Linear}; empty for a vector).
 */
public record Parameter(String name, float[] value, float[] grad, int... shape) {
}
