package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.TransformKernels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorTransforms#maxAbs}, which takes the maximum of the bits of |g| as integers, against the
 * scalar reference's chain of {@code Math.max} where the two could part: ±∞, NaNs of either sign and
 * other payloads, ±0 only, subnormals, the largest magnitude negative, and each of these in the vector
 * part or in the scalar tail, over heap and native memory.
 */
@Tag("vector-width")
class TransformMaxAbsTest {

    private static final float[] SPECIAL = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0xffc0_0000), Float.intBitsToFloat(0x7f80_0001), Float.intBitsToFloat(0xff80_0001), -0f, 0f,
            Float.MIN_VALUE, -Float.MIN_VALUE, -Float.MIN_NORMAL, -Float.MAX_VALUE, Float.MAX_VALUE, -3f};

    private static float scalarMax(TransformKernels scalar, MemorySegment g, long from, long to) {
        return scalar.maxAbs(g, from, to);
    }

    @Test
    void vectorMaxAbsGivesTheScalarFloatForEverySpecialValueAndPlace() {
        TransformKernels vector = VectorKernelsAvailable.orSkip().transforms();
        TransformKernels scalar = Kernels.byName("scalar").transforms();
        int lanes = FloatSpecies.SPECIES.length(), n = 4 * lanes + 3;
        SplittableRandom r = new SplittableRandom(11);
        int cases = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (boolean heap : new boolean[]{true, false}) {
                MemorySegment g = heap ? MemorySegment.ofArray(new float[n]) : arena.allocate((long) n * Float.BYTES, 64);
                for (float special : SPECIAL) {
                    for (int at = 0; at < n; at++) {
                        for (boolean smallRest : new boolean[]{true, false}) {
                            for (int i = 0; i < n; i++) {
                                // the rest either below |special| or, for zeros and subnormals, mostly above it
                                float rest = smallRest ? (float) r.nextGaussian() * Float.MIN_NORMAL : (float) r.nextGaussian();
                                g.setAtIndex(ValueLayout.JAVA_FLOAT, i, rest);
                            }
                            g.setAtIndex(ValueLayout.JAVA_FLOAT, at, special);
                            for (long from : new long[]{0, 1}) {
                                float expected = scalarMax(scalar, g, from, n), actual = vector.maxAbs(g, from, n);
                                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                                        "special " + special + " (bits " + Integer.toHexString(Float.floatToRawIntBits(special))
                                                + ") at " + at + ", from " + from + (heap ? ", heap" : ", native"));
                                cases++;
                            }
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    g.setAtIndex(ValueLayout.JAVA_FLOAT, i, i % 2 == 0 ? -0f : 0f);
                }
                assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(vector.maxAbs(g, 0, n)), "only zeros: +0");
                assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(vector.maxAbs(g, 3, 3)), "an empty range: +0");
            }
        }
        assertTrue(cases > 1000, cases + " cases");
    }
}
