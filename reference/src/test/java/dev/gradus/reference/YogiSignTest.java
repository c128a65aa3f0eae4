package dev.gradus.reference;

import dev.gradus.kernel.YogiCoefficients;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Yogi;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Yogi's σ = sign(v − q) is torch's {@code (0 < x) − (x < 0)}: +0 for −0 and NaN, where Java's
 * {@code Math.signum} gives −0 and NaN (spec R15).
 */
class YogiSignTest {

    /** One first step of one element with m = 0 and the given v; returns {θ, m, v}. */
    private static float[] step(float theta, float g, float v0) {
        float[] p = {theta}, grad = {g}, m = {0f}, v = {v0};
        YogiCoefficients c = new Yogi().coefficients(new StepContext(1, 0.01, 0.01));
        ScalarYogi.yogiRange(MemorySegment.ofArray(p), MemorySegment.ofArray(grad), MemorySegment.ofArray(m),
                MemorySegment.ofArray(v), 0, 1, c);
        return new float[] {p[0], m[0], v[0]};
    }

    @Test
    void aNegativeZeroAccumulatorStaysNegativeZeroWhereTheGradientIsZero() {
        // v − q = −0 − 0 = −0; σ = +0, so v + (⟨−(1−β2)⟩·σ)·q = −0 + (−0) = −0 (Math.signum would give +0)
        float v = step(1f, 0f, -0f)[2];
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(v));
    }

    @Test
    void vMovesTowardsQ() {
        float q = 4f;                                             // g = 2
        float c = (float) -(1.0 - Yogi.DEFAULT_BETA2);
        assertEquals(1f + (c * -1f) * q, step(0f, 2f, 1f)[2]);      // v < q: σ = −1, v grows
        assertEquals(9f + (c * 1f) * q, step(0f, 2f, 9f)[2]);       // v > q: σ = +1, v shrinks
        assertEquals(1.004f, step(0f, 2f, 1f)[2]);
        assertEquals(4f, step(0f, 2f, 4f)[2]);                      // v = q: unchanged
    }

    @Test
    void aNaNDifferenceGivesNaNAsInTorch() {
        // v = q = ∞: v − q is NaN, σ = +0, and (−0)·∞ is NaN, as in torch's addcmul
        assertEquals(Float.NaN, step(0f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY)[2]);
    }

    /** The spec's form of σ (R15), the oracle for the kernels' computation on the bits. */
    private static float comparisonForm(float x) {
        return x > 0f ? 1f : x < 0f ? -1f : 0f;
    }

    @Test
    void theBitComputationIsTheComparisonFormAtTheEdges() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -1f,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0xffffffff)};
        for (float x : edges) {
            assertSignIsTheComparisonForm(x);
        }
    }

    @Test
    void theBitComputationIsTheComparisonFormForAnyBits() {
        qt().withExamples(100_000).forAll(integers().all())
                .checkAssert(bits -> assertSignIsTheComparisonForm(Float.intBitsToFloat(bits)));
    }

    private static void assertSignIsTheComparisonForm(float x) {
        assertEquals(Float.floatToRawIntBits(comparisonForm(x)), Float.floatToRawIntBits(ScalarYogi.sign(x)),
                "sign of the float with bits 0x" + Integer.toHexString(Float.floatToRawIntBits(x)));
    }
}
