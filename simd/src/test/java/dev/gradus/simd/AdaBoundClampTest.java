package dev.gradus.simd;

import dev.gradus.kernel.AdaBoundCoefficients;
import dev.gradus.kernel.AdaBoundKernels;
import dev.gradus.kernel.Kernels;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorAdaBound}'s clamp, which takes compares and blends for most bounds and Java's min and
 * max for the rest, against the scalar reference bit for bit, where the two could part: bounds of
 * ±0, NaN and ±∞, a step size of −0 (so ss/d = −0) or NaN, and ss/d below, on and above each bound,
 * infinite and NaN. The optimizer's own bounds (≥ +0) are covered by the catalogue's properties; this
 * reaches the rest through the kernel SPI.
 */
@Tag("vector-width")
class AdaBoundClampTest {

    private static final float[] LOWER = {0f, -0f, Float.NaN, 1e-3f, Float.POSITIVE_INFINITY, -1f, 0.01f};
    private static final float[] UPPER = {0f, -0f, Float.NaN, 0.1f, Float.POSITIVE_INFINITY, 0.01f};
    private static final float[] STEP = {0.01f, 0f, -0f, Float.NaN, -0.01f};
    /** With β2 = 1 and 1 − β2 = 0, v stays these, so ss/(√v + eps) spans every side of the bounds. */
    private static final float[] V = {0f, 1e-12f, 1e-6f, 1e-4f, 1e-2f, 1f, 100f, 1e4f, 1e6f, Float.POSITIVE_INFINITY,
            Float.NaN, 0.0001f, 0.01f};

    @Test
    void vectorClampGivesTheScalarBitsForEveryBoundAndStep() {
        AdaBoundKernels vector = VectorKernelsAvailable.orSkip().adaBound();
        AdaBoundKernels scalar = Kernels.byName("scalar").adaBound();
        int cases = 0;
        for (float lb : LOWER) {
            for (float ub : UPPER) {
                for (float ss : STEP) {
                    for (float eps : new float[] {0f, 1e-8f}) {
                        AdaBoundCoefficients c = new AdaBoundCoefficients(0.9f, 0.1f, 1f, 0f, eps, ss, lb, ub, 0f, false);
                        for (boolean ams : new boolean[] {false, true}) {
                            String what = (ams ? "amsBound" : "adaBound") + " lb=" + lb + " ub=" + ub + " ss=" + ss + " eps=" + eps;
                            assertSameBits(vector, scalar, c, ams, 8 * 16 + 5, what);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases == LOWER.length * UPPER.length * STEP.length * 2 * 2);
    }

    @Test
    void blendableRefusesOnlyNaNAndNegativeZero() {
        VectorKernelsAvailable.orSkip();
        assertTrue(ConstantBounds.blendable(0f));
        assertTrue(ConstantBounds.blendable(1e-3f));
        assertTrue(ConstantBounds.blendable(-1f));
        assertTrue(ConstantBounds.blendable(Float.POSITIVE_INFINITY));
        assertFalse(ConstantBounds.blendable(-0f));
        assertFalse(ConstantBounds.blendable(Float.NaN));
    }

    private static void assertSameBits(AdaBoundKernels vector, AdaBoundKernels scalar, AdaBoundCoefficients c,
                                       boolean ams, int n, String what) {
        SplittableRandom r = new SplittableRandom(n * 31L + Float.floatToRawIntBits(c.lowerBound()));
        float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n], vMax = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 5 == 0 ? -0f : (float) r.nextDouble(-1, 1);    // θ − η·m keeps η's sign of zero only at θ = −0
            g[i] = i % 7 == 0 ? (i % 2 == 0 ? 0f : -0f) : (float) r.nextGaussian();
            m[i] = i % 11 == 0 ? -0f : (float) r.nextGaussian();
            v[i] = V[i % V.length];
            vMax[i] = V[(i * 5 + 3) % V.length];
        }
        float[][] a = {p.clone(), g.clone(), m.clone(), v.clone(), vMax.clone()};
        float[][] b = {p.clone(), g.clone(), m.clone(), v.clone(), vMax.clone()};
        run(vector, a, c, ams, n);
        run(scalar, b, c, ams, n);
        String[] names = {"param", "grad", "m", "v", "vMax"};
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(Bits.of(b[k]), Bits.of(a[k]), what + ": " + names[k]);
        }
    }

    private static void run(AdaBoundKernels k, float[][] x, AdaBoundCoefficients c, boolean ams, int n) {
        MemorySegment p = MemorySegment.ofArray(x[0]), g = MemorySegment.ofArray(x[1]), m = MemorySegment.ofArray(x[2]),
                v = MemorySegment.ofArray(x[3]), vMax = MemorySegment.ofArray(x[4]);
        if (ams) {
            k.amsBound(p, g, m, v, vMax, 0, n, c);
        } else {
            k.adaBound(p, g, m, v, 0, n, c);
        }
    }
}
