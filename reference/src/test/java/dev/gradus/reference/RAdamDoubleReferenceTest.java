package dev.gradus.reference;

import dev.gradus.Optimizer;
import dev.gradus.rules.RAdam;
import dev.gradus.rules.RAdamEarlySteps;
import dev.gradus.rules.RAdamForm;
import dev.gradus.rules.RAdamThreshold;
import dev.gradus.rules.RAdamWeightDecay;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RAdam options the golden files do not cover (SKIP, the torch form with the repo's threshold or
 * weight decay, the repo form with torch's, decoupled multiplicative decay) against an independent
 * double-precision computation of the paper's algorithm, written from spec R11: rectified steps
 * {@code θ ← θ − lr·r_t·m̂·√(1−β2^t)/(√v + eps)}, early steps {@code θ ← θ − lr·m̂} or nothing. Both
 * forms compute the same mathematics with different rounding, so they agree to a relative tolerance.
 */
class RAdamDoubleReferenceTest {

    private static final int N = 29, STEPS = 14;
    /** Errors are measured in units of the allowed difference (see {@code scaled}). */
    private static final double TOLERANCE = 1;
    /** ρ_6 is exactly 5.0 in double for this β2, so the two thresholds disagree at step 6. */
    static final double BETA2_RHO6_IS_FIVE = 0.8397685748659791;

    private static double error(RAdam rule, double lr) {
        return error(rule, rule, lr);
    }

    /** The error of {@code rule}'s kernels against the reference computed for {@code assumed}'s options. */
    private static double error(RAdam rule, RAdam assumed, double lr) {
        SplittableRandom r = new SplittableRandom(7);
        float[] p = new float[N], g = new float[N];
        double[] theta = new double[N], m = new double[N], v = new double[N];
        for (int i = 0; i < N; i++) {
            p[i] = (float) r.nextDouble(-2, 2);
            theta[i] = p[i];
        }
        double b1 = assumed.beta1(), b2 = assumed.beta2(), eps = assumed.eps(), wd = assumed.weightDecay();
        double worst = 0;
        try (Optimizer opt = Optimizer.builder(rule).learningRate(lr).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", p, g);
            for (int t = 1; t <= STEPS; t++) {
                for (int i = 0; i < N; i++) {
                    g[i] = (float) (r.nextDouble(-1, 1) * (1 + i % 3));
                }
                double rhoInf = 2 / (1 - b2) - 1;
                double rho = rhoInf - 2 * t * Math.pow(b2, t) / (1 - Math.pow(b2, t));
                boolean rectify = assumed.threshold() == RAdamThreshold.ABOVE_FIVE ? rho > 5 : rho >= 5;
                boolean moves = rectify || assumed.earlySteps() == RAdamEarlySteps.SGD;
                for (int i = 0; i < N; i++) {
                    double gi = g[i];
                    if (assumed.decay() == RAdamWeightDecay.COUPLED) {
                        gi += wd * theta[i];
                    } else if (moves) {
                        theta[i] -= lr * wd * theta[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    if (rectify) {
                        double rect = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                        theta[i] -= lr * rect * mHat * Math.sqrt(1 - Math.pow(b2, t)) / (Math.sqrt(v[i]) + eps);
                    } else if (moves) {
                        theta[i] -= lr * mHat;
                    }
                }
                opt.step();
                float[] ms = opt.slotValues("p", RAdam.M), vs = opt.slotValues("p", RAdam.V);
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
    void everyOptionCombinationMatchesTheDoubleReference() {
        for (RAdamForm form : RAdamForm.values()) {
            for (RAdamThreshold threshold : RAdamThreshold.values()) {
                for (RAdamEarlySteps early : RAdamEarlySteps.values()) {
                    for (RAdamWeightDecay decay : RAdamWeightDecay.values()) {
                        for (double b2 : new double[] {0.999, 0.9, BETA2_RHO6_IS_FIVE}) {
                            RAdam rule = RAdam.radam().withForm(form).withThreshold(threshold).withEarlySteps(early)
                                    .withDecay(decay).withWeightDecay(0.03).withBetas(0.9, b2);
                            double e = error(rule, 0.01);
                            assertTrue(e < TOLERANCE, rule + ": error " + e);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theReferenceSeesSkipVersusSgdAndTheThreshold() {
        RAdam sgd = RAdam.radam();
        double e = error(sgd.withEarlySteps(RAdamEarlySteps.SKIP), 0.01);
        assertTrue(e < TOLERANCE);
        // A rule whose early steps differ from what the reference assumes must miss it clearly.
        double skipAsSgd = error(sgd.withEarlySteps(RAdamEarlySteps.SKIP), sgd, 0.01);
        assertTrue(skipAsSgd > 100 * TOLERANCE, "SKIP vs SGD indistinguishable: " + skipAsSgd);
        RAdam above = RAdam.radam().withBetas(0.9, BETA2_RHO6_IS_FIVE).withEarlySteps(RAdamEarlySteps.SKIP);
        double thresholds = error(above, above.withThreshold(RAdamThreshold.AT_LEAST_FIVE), 0.01);
        assertTrue(thresholds > 100 * TOLERANCE, "> 5 vs >= 5 indistinguishable: " + thresholds);
    }

    @Test
    void rhoAndTheThresholds() {
        RAdam torch = RAdam.radam();
        assertEquals(1.0, torch.rho(1));
        for (int t = 1; t <= 5; t++) {
            assertFalse(torch.rectifies(t), "t = " + t);
        }
        assertTrue(torch.rectifies(6));
        RAdam edge = torch.withBetas(0.9, BETA2_RHO6_IS_FIVE);
        assertEquals(5.0, edge.rho(6));
        assertFalse(edge.rectifies(6));
        assertTrue(edge.withThreshold(RAdamThreshold.AT_LEAST_FIVE).rectifies(6));
        assertFalse(torch.withBetas(0.9, 0.5).rectifies(1000), "ρ∞ = 3 never reaches 5");
    }

    @Test
    void skippedStepsLeaveThetaAndApplyNoDecoupledDecay() {
        for (RAdamWeightDecay decay : RAdamWeightDecay.values()) {
            for (RAdamForm form : RAdamForm.values()) {
                RAdam rule = RAdam.paperRepo().withForm(form).withDecay(decay).withWeightDecay(0.1);
                float[] p = {1.5f, -2f, 0.25f}, g = {0.1f, -0.2f, 0.3f};
                float[] start = p.clone();
                try (Optimizer opt = Optimizer.builder(rule).learningRate(0.1).kernels(ScalarUpdateKernels.INSTANCE).build()) {
                    opt.register("p", p, g);
                    for (int t = 1; t <= 4; t++) {
                        opt.step();
                        assertArrayEquals(start, p, rule + ": θ changed on skipped step " + t);
                    }
                    float[] m = opt.slotValues("p", RAdam.M);
                    assertTrue(m[0] != 0f, "the moments still update");
                    opt.step();
                    opt.step();
                    assertTrue(p[0] != start[0], rule + ": the first rectified step (t = 6) moves θ");
                }
            }
        }
    }
}
