package dev.gradus.simd;

import dev.gradus.testing.Bits;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorFriction} over a strided sweep of float Δ, against {@code (float) Math.exp} and
 * against the same operations written per element in plain Java (so that equal bits at 128, 256
 * and 512 bits follow from each width's fork matching the same per-element statements). A class
 * of its own so that test classes load without the vector module (the fallback run).
 */
final class FrictionSweep {

    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;

    /** What a sweep saw. */
    record Result(long samples, long expDiffers, long worstExpUlps, long xiDiffers, long worstXiUlps,
                  long notAsWritten, float firstNotAsWritten, long xiNotOneAbove87) {
    }

    private FrictionSweep() {
    }

    /** Every {@code stride}-th float bit pattern Δ from +0 to +∞, then NaN. */
    static Result run(int stride) {
        long[] r = new long[7];
        float[] first = {Float.NaN};
        int hi = Float.floatToIntBits(Float.POSITIVE_INFINITY), chunk = 64 * S.length();
        long samples = 0;
        for (long b = 0; b <= hi; b += (long) stride * chunk) {
            samples += sweep((int) b, (int) Math.min(hi, b + (long) stride * (chunk - 1)), stride, r, first);
        }
        samples += sweep(Float.floatToIntBits(Float.NaN), Float.floatToIntBits(Float.NaN), 1, r, first);
        return new Result(samples, r[0], r[1], r[2], r[3], r[4], first[0], r[5]);
    }

    private static long sweep(int from, int to, int stride, long[] r, float[] first) {
        int n = (to - from) / stride + 1, len = S.length();
        float[] delta = new float[S.loopBound(n) + len], e = new float[delta.length], xi = new float[delta.length];
        for (int i = 0; i < n; i++) {
            delta[i] = Float.intBitsToFloat(from + i * stride);
        }
        for (int i = 0; i < delta.length; i += len) {
            FloatVector d = FloatVector.fromArray(S, delta, i);
            VectorFriction.expOfMinus(d).intoArray(e, i);
            VectorFriction.xi(d).intoArray(xi, i);
        }
        for (int i = 0; i < n; i++) {
            float d = delta[i];
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(expOfMinus(d))
                    || Float.floatToRawIntBits(xi[i]) != Float.floatToRawIntBits(1f / (1f + expOfMinus(d)))) {
                if (r[4]++ == 0) {
                    first[0] = d;
                }
            }
            float es = (float) Math.exp(-d);
            float xs = 1f / (1f + es);
            long dx = Bits.ulps(xs, xi[i]);
            if (dx != 0) {
                r[2]++;
                r[3] = Math.max(r[3], dx);
            }
            if (d > VectorFriction.DELTA_MAX && xi[i] != 1f) {
                r[5]++;
            }
            if (d <= VectorFriction.DELTA_MAX) {
                long de = Bits.ulps(es, e[i]);
                if (de != 0) {
                    r[0]++;
                    r[1] = Math.max(r[1], de);
                }
            }
        }
        return n;
    }

    /** {@link VectorFriction#expOfMinus} for one element, statement by statement. */
    static float expOfMinus(float delta) {
        // x = −min(Δ, 87); t = x·log₂e + 1.5·2^23, k = round(x·log₂e) in its low mantissa bits
        float x = -Math.min(delta, VectorFriction.DELTA_MAX);
        float t = Math.fma(x, VectorFriction.LOG2_E, VectorFriction.ROUNDER);
        float k = t - VectorFriction.ROUNDER;
        // r = (x − k·ln2hi) − k·ln2lo
        float r = Math.fma(k, -VectorFriction.LN2_HI, x);
        r = Math.fma(k, -VectorFriction.LN2_LO, r);
        // P(r) = (((P5·r + P4)·r² + (P3·r + P2))·r + P1)·r + P0
        float r2 = r * r;
        float p = Math.fma(Math.fma(r, VectorFriction.P5, VectorFriction.P4), r2, Math.fma(r, VectorFriction.P3, VectorFriction.P2));
        p = Math.fma(Math.fma(p, r, VectorFriction.P1), r, VectorFriction.P0);
        // e^r = (r²·P(r) + r) + 1
        float er = Math.fma(r2, p, r) + 1f;
        // 2^k = bits((t << 23) + bits(1f))
        float twoK = Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + 0x3F800000);
        // e^x = e^r · 2^k
        return er * twoK;
    }
}
