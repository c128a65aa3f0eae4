package dev.gradus.bench.race;

/** A named weight or bias array of a model and its gradient array (same length). */
public record Parameter(String name, float[] value, float[] grad) {
}
