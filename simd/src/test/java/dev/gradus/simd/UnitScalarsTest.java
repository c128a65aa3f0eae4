package dev.gradus.simd;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.kernel.AdamKernels;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.RAdamCoefficients;
import dev.gradus.kernel.RAdamKernels;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The vector kernels that leave out an operation by a per-step scalar when it is exactly 1 (late in a
 * run) give the scalar reference's bits, which still divides or multiplies: {@link VectorAdam}'s division
 * by ⟨bc2s⟩, {@link VectorRAdam}'s multiplications by ⟨√bc2⟩ and ⟨r_t⟩. Each for the scalar 1 and for the
 * floats just below it (where the operation must stay), over values that include ±0, ∞, NaN, subnormals
 * and huge v, with and without weight decay (and maximize, AMSGrad).
 */
@Tag("vector-width")
class UnitScalarsTest {

    /** Scalars at 1, just below it and well below it. */
    private static final float[] NEAR_ONE = {1f, Math.nextDown(1f), 0.9995f, 0.5f};
    private static final float[] SPECIAL = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1e-20f};
    /** Elements of each case: whole vectors at every width and a tail. */
    private static final int N = 8 * 16 + 7;

    @Test
    void adamGivesTheScalarBitsWhetherOrNotItDivides() {
        AdamKernels vector = VectorKernelsAvailable.orSkip().adam();
        AdamKernels scalar = Kernels.byName("scalar").adam();
        for (float bc2s : NEAR_ONE) {
            for (int variant = 0; variant < 4; variant++) {
                boolean l2 = variant == 1, decoupled = variant == 2, maximize = variant == 3;
                AdamCoefficients c = new AdamCoefficients(0.9f, 0.1f, 0.999f, 0.001f, bc2s, 1e-8f, -1e-3f,
                        l2 ? 0.01f : 0f, decoupled ? 0.99999f : 1f, l2, decoupled, maximize);
                for (boolean ams : new boolean[] {false, true}) {
                    String what = (ams ? "amsgrad" : "adam") + " bc2s=" + bc2s + " variant=" + variant;
                    assertSameBits(Float.floatToRawIntBits(bc2s) * 31L, 5, what, step(vector, ams, c), step(scalar, ams, c));
                }
            }
        }
    }

    @Test
    void radamGivesTheScalarBitsWhetherOrNotItMultiplies() {
        RAdamKernels vector = VectorKernelsAvailable.orSkip().radam();
        RAdamKernels scalar = Kernels.byName("scalar").radam();
        for (float sb : NEAR_ONE) {
            for (float rect : NEAR_ONE) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean l2 = variant == 1, decoupled = variant == 2, additive = variant == 3;
                    float bc1 = variant == 0 ? 1f : 0.65f;
                    RAdamCoefficients c = new RAdamCoefficients(0.9f, 0.1f, 0.999f, 0.001f, bc1, 1e-3f, 1e-8f, sb, rect, Float.NaN,
                            l2 ? 0.01f : 0f, decoupled ? 0.99999f : 1f, additive ? -1e-5f : 0f, l2, decoupled, additive);
                    String what = "radam √bc2=" + sb + " r_t=" + rect + " variant=" + variant;
                    assertSameBits(Float.floatToRawIntBits(sb) * 31L + Float.floatToRawIntBits(rect), 4, what,
                            b -> vector.rectified(b[0], b[1], b[2], b[3], 0, N, c),
                            b -> scalar.rectified(b[0], b[1], b[2], b[3], 0, N, c));
                }
            }
        }
    }

    /** One Adam (or AMSGrad) call of {@code kernels} over buffers param, grad, m, v, vMax. */
    private static Consumer<MemorySegment[]> step(AdamKernels kernels, boolean ams, AdamCoefficients c) {
        return b -> {
            if (ams) {
                kernels.amsgrad(b[0], b[1], b[2], b[3], b[4], 0, N, c);
            } else {
                kernels.adam(b[0], b[1], b[2], b[3], 0, N, c);
            }
        };
    }

    /**
     * Runs both kernels over copies of the same buffers (param, grad, m, then the non-negative v and
     * vMax), a quarter of the values special, and compares every buffer's bits.
     */
    private static void assertSameBits(long seed, int buffers, String what, Consumer<MemorySegment[]> vector,
                                       Consumer<MemorySegment[]> scalar) {
        SplittableRandom r = new SplittableRandom(seed + N);
        float[][] x = new float[buffers][N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < buffers; k++) {
                boolean special = r.nextInt(4) == 0;
                float value = special ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
                x[k][i] = k >= 3 ? Math.abs(value) * (special ? 1f : 1e-4f) : value;     // v and vMax ≥ 0 (or NaN)
            }
        }
        float[][] a = copy(x), b = copy(x);
        vector.accept(segments(a));
        scalar.accept(segments(b));
        String[] names = {"param", "grad", "m", "v", "vMax"};
        for (int k = 0; k < buffers; k++) {
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

    private static MemorySegment[] segments(float[][] x) {
        MemorySegment[] s = new MemorySegment[x.length];
        for (int k = 0; k < x.length; k++) {
            s[k] = MemorySegment.ofArray(x[k]);
        }
        return s;
    }
}
