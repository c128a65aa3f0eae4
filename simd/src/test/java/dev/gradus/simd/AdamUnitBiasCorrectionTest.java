package dev.gradus.simd;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.kernel.AdamKernels;
import dev.gradus.kernel.Kernels;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@link VectorAdam} leaves out the division by ⟨bc2s⟩ when it is exactly 1 (late in a run): the scalar
 * reference still divides, and the two must agree bit for bit for ⟨bc2s⟩ = 1 and for the floats just
 * below it (where the division must stay), over values that include ±0, ∞, NaN, subnormals and huge v,
 * for Adam and AMSGrad, with and without weight decay and maximize.
 */
@Tag("vector-width")
class AdamUnitBiasCorrectionTest {

    private static final float[] BC2S = {1f, Math.nextDown(1f), 0.9995f, 0.5f};
    private static final float[] SPECIAL = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1e-20f};

    @Test
    void vectorKernelGivesTheScalarBitsWhetherOrNotItDivides() {
        AdamKernels vector = VectorKernelsAvailable.orSkip().adam();
        AdamKernels scalar = Kernels.byName("scalar").adam();
        for (float bc2s : BC2S) {
            for (int variant = 0; variant < 4; variant++) {
                boolean l2 = variant == 1, decoupled = variant == 2, maximize = variant == 3;
                AdamCoefficients c = new AdamCoefficients(0.9f, 0.1f, 0.999f, 0.001f, bc2s, 1e-8f, -1e-3f,
                        l2 ? 0.01f : 0f, decoupled ? 0.99999f : 1f, l2, decoupled, maximize);
                for (boolean ams : new boolean[] {false, true}) {
                    assertSameBits(vector, scalar, c, ams, 8 * 16 + 7,
                            (ams ? "amsgrad" : "adam") + " bc2s=" + bc2s + " variant=" + variant);
                }
            }
        }
    }

    private static void assertSameBits(AdamKernels vector, AdamKernels scalar, AdamCoefficients c, boolean ams, int n,
                                       String what) {
        SplittableRandom r = new SplittableRandom(Float.floatToRawIntBits(c.bc2Sqrt()) * 31L + n);
        float[][] x = new float[5][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 5; k++) {
                boolean special = r.nextInt(4) == 0;
                float value = special ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
                x[k][i] = k >= 3 ? Math.abs(value) * (special ? 1f : 1e-4f) : value;     // v and vMax ≥ 0 (or NaN)
            }
        }
        float[][] a = copy(x), b = copy(x);
        run(vector, a, c, ams, n);
        run(scalar, b, c, ams, n);
        String[] names = {"param", "grad", "m", "v", "vMax"};
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(Bits.of(b[k]), Bits.of(a[k]), what + ": " + names[k]);
        }
    }

    private static float[][] copy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k].clone();
        }
        return y;
    }

    private static void run(AdamKernels k, float[][] x, AdamCoefficients c, boolean ams, int n) {
        MemorySegment p = MemorySegment.ofArray(x[0]), g = MemorySegment.ofArray(x[1]), m = MemorySegment.ofArray(x[2]),
                v = MemorySegment.ofArray(x[3]), vMax = MemorySegment.ofArray(x[4]);
        if (ams) {
            k.amsgrad(p, g, m, v, vMax, 0, n, c);
        } else {
            k.adam(p, g, m, v, 0, n, c);
        }
    }
}
