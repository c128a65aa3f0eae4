package dev.gradus.simd;

import dev.gradus.testing.Bits;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lanewise {@code EXP} of the kernels' species against {@code (float) Math.exp}, and the
 * friction ξ = 1/(1 + exp(−Δ)) both ways, over a strided sweep of float Δ. A class of its own so
 * that test classes load without the vector module (the fallback run).
 */
final class ExpSweep {

    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;

    private ExpSweep() {
    }

    /**
     * Every {@code stride}-th float Δ in [0, max]: {samples, exp differs, worst exp ulp, ξ differs,
     * worst ξ ulp}.
     */
    static long[] run(float max, int stride) {
        int hi = Float.floatToIntBits(max), chunk = 64 * S.length();
        long[] r = new long[5];
        for (int b = 0; b <= hi; b += stride * chunk) {
            r[0] += sweep(b, Math.min(hi, b + stride * (chunk - 1)), stride, r);
        }
        return r;
    }

    /** Bits {@code from..to} (step {@code stride}) as Δ; accumulates into {@code r}; returns the sample count. */
    private static long sweep(int from, int to, int stride, long[] r) {
        int n = (to - from) / stride + 1, len = S.length();
        float[] delta = new float[S.loopBound(n) + len], e = new float[delta.length], xi = new float[delta.length];
        for (int i = 0; i < n; i++) {
            delta[i] = Float.intBitsToFloat(from + i * stride);
        }
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < delta.length; i += len) {
            FloatVector ev = FloatVector.fromArray(S, delta, i).neg().lanewise(VectorOperators.EXP);
            ev.intoArray(e, i);
            one.div(one.add(ev)).intoArray(xi, i);
        }
        for (int i = 0; i < n; i++) {
            float es = (float) Math.exp(-delta[i]);
            float xs = 1f / (1f + es);
            long de = Bits.ulps(es, e[i]), dx = Bits.ulps(xs, xi[i]);
            if (de != 0) {
                r[1]++;
                r[2] = Math.max(r[2], de);
            }
            if (dx != 0) {
                r[3]++;
                r[4] = Math.max(r[4], dx);
            }
        }
        return n;
    }
}
