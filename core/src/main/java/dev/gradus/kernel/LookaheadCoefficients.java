package dev.gradus.kernel;

/**
 * @param alpha         ⟨α⟩
 * @param oneMinusAlpha ⟨1 − α⟩
 */
public record LookaheadCoefficients(float alpha, float oneMinusAlpha) {
}
