package dev.gradus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Java's {@code Math.max} and {@code Math.min} against a bound that is the same in every lane, as a
 * compare and a blend. With 256-bit vectors (AVX2) the Vector API's {@code max} and {@code min} are five
 * instructions each, for NaN and the order of −0 and +0; these are two, and give the same float for
 * every x whenever the bound is neither NaN nor −0 ({@link #blendable}): then x ≤ lb holds for x = ±0
 * against lb = +0, so +0 comes out as from {@code max}, and x > ub fails for x = −0 against ub = +0, so −0
 * stays as from {@code min}; a NaN x fails both compares and stays NaN.
 */
final class ConstantBounds {

    private ConstantBounds() {
    }

    /** Whether {@link #atLeast} and {@link #atMost} equal Java's max and min for this bound. */
    static boolean blendable(float bound) {
        return !Float.isNaN(bound) && Float.floatToRawIntBits(bound) != Float.floatToRawIntBits(-0f);
    }

    /** max(x, lb) lanewise, for a {@link #blendable} lb in every lane. */
    static FloatVector atLeast(FloatVector x, FloatVector lb) {
        // x ≤ lb ? lb : x
        return x.blend(lb, x.compare(VectorOperators.LE, lb));
    }

    /** min(x, ub) lanewise, for a {@link #blendable} ub in every lane. */
    static FloatVector atMost(FloatVector x, FloatVector ub) {
        // x > ub ? ub : x
        return x.blend(ub, x.compare(VectorOperators.GT, ub));
    }
}
