package dev.gradus.reference;

import dev.gradus.Optimizer;
import dev.gradus.rules.NAdam;
import dev.gradus.rules.NAdamCompat;
import dev.gradus.rules.NAdamMuSchedule;
import dev.gradus.rules.WeightDecay;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NAdam options no golden file covers (Dozat's constant μ, the corrected μ-product, decoupled
 * weight decay) against an independent double-precision computation written from spec R10 in
 * Dozat's notation: {@code θ ← θ − lr·((1−μ_t)/(1−Πμ_{≤t})·g + μ_{t+1}/(1−Πμ_{≤t+1})·m) / (√v̂ + eps)}.
 * The float32 kernels round every operation, so they agree to a relative tolerance, not bitwise.
 */
class NAdamDoubleReferenceTest {

    private static final int N = 37, STEPS = 25;
    /** Errors are measured in units of the allowed difference (see {@code scaled}). */
    private static final double TOLERANCE = 1;

    /** Largest error of the scalar kernels against the double reference, in units of the allowed one. */
    private static double error(NAdam rule, double lr, boolean constantMu, boolean decoupled) {
        SplittableRandom r = new SplittableRandom(42);
        float[] p = new float[N], g = new float[N];
        double[] theta = new double[N], m = new double[N], v = new double[N];
        for (int i = 0; i < N; i++) {
            p[i] = (float) r.nextDouble(-2, 2);
            theta[i] = p[i];
        }
        double b1 = rule.beta1(), b2 = rule.beta2(), eps = rule.eps(), wd = rule.weightDecay(), psi = rule.momentumDecay();
        double product = 1;
        double worst = 0;
        try (Optimizer opt = Optimizer.builder(rule).learningRate(lr).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", p, g);
            for (int t = 1; t <= STEPS; t++) {
                for (int i = 0; i < N; i++) {
                    g[i] = (float) (r.nextDouble(-1, 1) * (1 + i % 5));
                }
                double mu = constantMu ? b1 : b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
                double muNext = constantMu ? b1 : b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
                product *= mu;
                double productNext = product * muNext;
                for (int i = 0; i < N; i++) {
                    double gi = g[i];
                    if (decoupled) {
                        theta[i] *= 1 - lr * wd;
                    } else {
                        gi += wd * theta[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    double nesterov = (1 - mu) / (1 - product) * gi + muNext / (1 - productNext) * m[i];
                    theta[i] -= lr * nesterov / (Math.sqrt(vHat) + eps);
                }
                opt.step();
                float[] ms = opt.slotValues("p", NAdam.M), vs = opt.slotValues("p", NAdam.V);
                for (int i = 0; i < N; i++) {
                    worst = Math.max(worst, scaled(p[i], theta[i], 1e-6));
                    worst = Math.max(worst, scaled(ms[i], m[i], 1e-6));
                    worst = Math.max(worst, scaled(vs[i], v[i], 1e-9));
                }
            }
        }
        return worst;
    }

    /**
     * The difference in units of the allowed one, {@code 1e-5·|expected| + floor}: the float32 kernels
     * round every operation, and m and θ can cancel to near zero, so a pure relative bound cannot work.
     */
    private static double scaled(float actual, double expected, double floor) {
        return Math.abs(actual - expected) / (1e-5 * Math.abs(expected) + floor);
    }

    @Test
    void dozatConstantMuMatchesTheDoubleReference() {
        NAdam rule = NAdam.nadam().withMuSchedule(NAdamMuSchedule.CONSTANT);
        double e = error(rule, 0.01, true, false);
        assertTrue(e < TOLERANCE, "constant μ: error " + e);
        NAdam other = rule.withBetas(0.95, 0.99).withWeightDecay(0.01);
        double e2 = error(other, 0.003, true, false);
        assertTrue(e2 < TOLERANCE, "constant μ, L2: error " + e2);
    }

    @Test
    void theTestSeesTheDifferenceBetweenConstantAndDecayingMu() {
        // The decaying schedule run against the constant-μ reference must fail it clearly.
        double e = error(NAdam.nadam(), 0.01, true, false);
        assertTrue(e > 100 * TOLERANCE, "the reference cannot tell the schedules apart: " + e);
    }

    @Test
    void correctedMuProductMatchesTheDoubleReference() {
        double e = error(NAdam.nadam(), 0.01, false, false);
        assertTrue(e < TOLERANCE, "corrected: error " + e);
        double e2 = error(NAdam.nadam().withBetas(0.8, 0.99).withMomentumDecay(0.05).withWeightDecay(0.02), 0.002, false, false);
        assertTrue(e2 < TOLERANCE, "corrected, L2, ψ = 0.05: error " + e2);
    }

    @Test
    void torch113CountsMuTwiceAndMissesTheReference() {
        double e = error(NAdam.nadam().withCompat(NAdamCompat.TORCH_1_13), 0.01, false, false);
        assertTrue(e > 100 * TOLERANCE, "TORCH_1_13 should differ from the paper's product: " + e);
    }

    @Test
    void decoupledWeightDecayMatchesTheDoubleReference() {
        NAdam rule = NAdam.nadam().withDecay(WeightDecay.DECOUPLED).withWeightDecay(0.05);
        double e = error(rule, 0.01, false, true);
        assertTrue(e < TOLERANCE, "decoupled: error " + e);
        double e2 = error(rule.withMuSchedule(NAdamMuSchedule.CONSTANT), 0.01, true, true);
        assertTrue(e2 < TOLERANCE, "decoupled, constant μ: error " + e2);
        double coupled = error(rule.withDecay(WeightDecay.COUPLED), 0.01, false, true);
        assertTrue(coupled > 100 * TOLERANCE, "the reference cannot tell L2 from decoupled: " + coupled);
    }

    @Test
    void muProductIsFloat32StateOnlyForTheDecayingSchedule() {
        assertEquals(java.util.List.of(NAdam.MU_PRODUCT), NAdam.nadam().scalarNames());
        assertEquals(java.util.List.of(), NAdam.nadam().withMuSchedule(NAdamMuSchedule.CONSTANT).scalarNames());
        float[] p = {1f}, g = {0.5f};
        try (Optimizer opt = Optimizer.builder(NAdam.nadam()).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", p, g);
            for (int t = 0; t < 5; t++) {
                opt.step();
                double pi = opt.scalarState().get(NAdam.MU_PRODUCT);
                assertEquals(pi, (double) (float) pi, "π is a float32 value");
            }
        }
    }
}
