package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link VectorTransforms#clamp} against the scalar reference bit for bit where the two could part: bounds
 * of ±0, NaN, ±∞, ordinary values and a lower bound above the upper one, over gradients of ±0, NaN, ±∞ and
 * values on, between and beyond the bounds (the optimizer passes ±c with c > 0; the rest comes through the
 * SPI). Java's max and min keep NaN and order −0 below +0, which a plain compare and blend would not.
 */
@Tag("vector-width")
class TransformClampTest {

    private static final float[] BOUNDS = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            1f, -1f, 0.5f, -0.5f};
    private static final float[] VALUES = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            1f, -1f, 0.5f, -0.5f, 0.25f, -0.25f, 2f, -2f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e30f, -1e30f};

    @Test
    void vectorClampGivesTheScalarBitsForEveryPairOfBounds() {
        TransformKernels vector = VectorKernelsAvailable.orSkip().transforms();
        TransformKernels scalar = Kernels.byName("scalar").transforms();
        int n = 8 * 16 + 5, cases = 0;
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = VALUES[(i * 7 + i / VALUES.length) % VALUES.length];
        }
        for (float lo : BOUNDS) {
            for (float hi : BOUNDS) {
                String what = "clamp to [" + lo + ", " + hi + "]";
                float[] a = g.clone(), b = g.clone();
                vector.clamp(MemorySegment.ofArray(a), 0, n, lo, hi);
                scalar.clamp(MemorySegment.ofArray(b), 0, n, lo, hi);
                assertArrayEquals(Bits.of(b), Bits.of(a), what + ", float[]");
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment s = arena.allocate((long) n * Float.BYTES, 64);
                    MemorySegment.copy(g, 0, s, ValueLayout.JAVA_FLOAT, 0, n);
                    vector.clamp(s, 0, n, lo, hi);
                    assertArrayEquals(Bits.of(b), Bits.of(s.toArray(ValueLayout.JAVA_FLOAT)), what + ", native");
                }
                cases++;
            }
        }
        assertEquals(BOUNDS.length * BOUNDS.length, cases);
    }
}
