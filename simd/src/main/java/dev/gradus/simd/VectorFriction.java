package dev.gradus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * DiffGrad's friction ξ = 1/(1 + exp(−Δ)) (spec R14) with its exp written out in float
 * operations, so that it compiles inline into the kernel's single pass. The Vector API's lanewise
 * {@code EXP} is a call into the platform's math library that clobbers the vector registers, so it
 * needed a pass of its own, and it gave other bits in C2-compiled code than in the interpreter.
 * These are IEEE additions, multiplications and fused multiply-adds (the Vector API defines
 * {@code fma} lanewise as {@link Math#fma(float, float, float)}), so every JIT tier, vector width and
 * CPU gives the same bits; a CPU without FMA instructions gets them too, only slowly.
 *
 * <p>Method (Cody–Waite): e^x = 2^k · e^r with k = round(x·log₂e) and r = x − k·ln 2 with ln 2 in two
 * parts; e^r ≈ 1 + (r + r²·P(r)), P of degree 5 (SLEEF's {@code expf} coefficients), its four upper
 * terms in Estrin's form (two pairs joined by a multiply-add in r²) and the last two in Horner's, the 1
 * added last; 2^k built in the exponent field. Measured over every float x in [−87, 0]: within 0.99 ulp
 * of e^x, so equal to {@code (float) Math.exp(x)} or one ulp from it. (All of P in Estrin's form was
 * faster still but reached 1.003 ulp; the performance history, session 24.) For ξ, 1 + e^x is one
 * fused multiply-add, e^r·2^k + 1: the product is exact (a power of two, and e^x normal for x ≥ −87),
 * so this is the same float as 1 added to e^x, one operation sooner. Against Horner's form and a
 * separate product, the two take 6 cycles from the chain of about 90 that each vector of DiffGrad's
 * loop waits on (Zen 3 latencies), and the kernel at 64K ran 4–9% faster (session 24).
 *
 * <p>Δ above 87 is taken as 87: e^−87 ≈ 1.6·10⁻³⁸ keeps 2^k normal, and every e below 2^−24 (Δ above
 * 16.7) gives 1 + e = 1, so ξ = 1 as with any exp. Δ = +∞ gives ξ = 1; NaN stays NaN.
 */
final class VectorFriction {

    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    static final float LOG2_E = 1.44269504088896341f;
    /** 1.5·2^23: adding it rounds x·log₂e to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final float LN2_HI = 0.693145751953125f, LN2_LO = 1.428606765330187045e-06f;
    static final float P5 = 1.98527617612853646278381e-4f, P4 = 1.39304355252534151077271e-3f,
            P3 = 8.33336077630519866943359e-3f, P2 = 4.16664853692054748535156e-2f,
            P1 = 0.166666671633720397949219f, P0 = 0.5f;
    /** Largest Δ used; see the class comment. */
    static final float DELTA_MAX = 87f;

    private VectorFriction() {
    }

    /** ξ = 1/(1 + exp(−Δ)) lanewise, for Δ ≥ 0 (DiffGrad's Δ = |p − g|). */
    static FloatVector xi(FloatVector delta) {
        // x = −min(Δ, 87); t = x·log₂e + 1.5·2^23, k = round(x·log₂e) in its low mantissa bits
        FloatVector x = exponent(delta), t = x.fma(LOG2_E, ROUNDER);
        // ξ = 1 / (e^r·2^k + 1)  (one fma: e^r·2^k is exact, see the class comment)
        return FloatVector.broadcast(S, 1f).div(expOfR(x, t).fma(twoToK(t), FloatVector.broadcast(S, 1f)));
    }

    /** e^−min(Δ, 87) lanewise, for Δ ≥ 0; see the class comment. */
    static FloatVector expOfMinus(FloatVector delta) {
        // x = −min(Δ, 87); t = x·log₂e + 1.5·2^23, k = round(x·log₂e) in its low mantissa bits
        FloatVector x = exponent(delta), t = x.fma(LOG2_E, ROUNDER);
        // e^x = e^r · 2^k
        return expOfR(x, t).mul(twoToK(t));
    }

    /** x = −min(Δ, 87), the exponent whose exp is taken. */
    private static FloatVector exponent(FloatVector delta) {
        // x = −min(Δ, 87)  (87 is blendable: ConstantBounds)
        return ConstantBounds.atMost(delta, FloatVector.broadcast(S, DELTA_MAX)).neg();
    }

    /** e^r for x and t = x·log₂e + 1.5·2^23, which holds k = round(x·log₂e) in its low mantissa bits. */
    private static FloatVector expOfR(FloatVector x, FloatVector t) {
        FloatVector k = t.sub(ROUNDER);
        // r = (x − k·ln2hi) − k·ln2lo
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        // P(r) = (((P5·r + P4)·r² + (P3·r + P2))·r + P1)·r + P0
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(P5, P4).fma(r2, r.fma(P3, P2));
        p = p.fma(r, FloatVector.broadcast(S, P1)).fma(r, FloatVector.broadcast(S, P0));
        // e^r = (r²·P(r) + r) + 1
        return r2.fma(p, r).add(1f);
    }

    /** 2^k for t as in {@link #expOfR}: (k << 23) + bits(1f), t's low 9 bits being k mod 512. */
    private static FloatVector twoToK(FloatVector t) {
        // 2^k = bits((t << 23) + bits(1f))
        return t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(0x3F800000).reinterpretAsFloats();
    }
}
