package dev.gradus.reference;

import dev.gradus.Optimizer;
import dev.gradus.kernel.AdaBoundCoefficients;
import dev.gradus.rules.AdaBound;
import dev.gradus.rules.StepContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AdaBound's per-step scalars (spec R12): the source's expression order in double, rounded once. */
class AdaBoundCoefficientTest {

    @Test
    void scalarsFollowTheSourceExpressions() {
        double lr = 0.01, b1 = 0.8, b2 = 0.99, finalLr = 0.05, gamma = 0.01;
        long t = 7;
        AdaBoundCoefficients c = AdaBound.adaBound().withBetas(b1, b2).withFinalLr(finalLr).withGamma(gamma)
                .coefficients(new StepContext(t, lr, lr));
        double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
        double fl = finalLr * lr / lr;
        assertEquals((float) (lr * Math.sqrt(bc2) / bc1), c.stepSize());
        assertEquals((float) (fl * (1 - 1 / (gamma * t + 1))), c.lowerBound());
        assertEquals((float) (fl * (1 + 1 / (gamma * t))), c.upperBound());
        assertEquals((float) (1.0 - b1), c.oneMinusBeta1());
        assertEquals(false, c.l2());
    }

    @Test
    void finalLrFollowsTheLearningRateRelativeToStepOne() {
        // base_lr 1e-3 (step 1), lr now 2.5e-4: fl = (0.1·2.5e-4)/1e-3, as the source's scheduler workaround.
        AdaBoundCoefficients c = AdaBound.adaBound().coefficients(new StepContext(40, 2.5e-4, 1e-3));
        double fl = 0.1 * 2.5e-4 / 1e-3;
        assertEquals((float) (fl * (1 - 1 / (1e-3 * 40 + 1))), c.lowerBound());
        assertEquals((float) (fl * (1 + 1 / (1e-3 * 40))), c.upperBound());
        assertEquals((float) (2.5e-4 * Math.sqrt(1 - Math.pow(0.999, 40)) / (1 - Math.pow(0.9, 40))), c.stepSize());
    }

    @Test
    void aZeroLearningRateAtStepOneIsRejected() {
        var e = assertThrows(IllegalStateException.class,
                () -> AdaBound.amsBound().plan(new StepContext(1, 0.0, 0.0)));
        assertEquals("amsbound scales finalLr by lr / (the learning rate of step 1), which must be > 0, got 0.0", e.getMessage());
    }

    @Test
    void aZeroLearningRateAtStepOneLeavesEverythingUntouched() {
        float[] p = {1f, -2f, 3f}, g = {0.5f, 0.25f, -1f};
        try (Optimizer opt = Optimizer.builder(AdaBound.adaBound()).learningRate(0.0)
                .kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", p, g);
            assertThrows(IllegalStateException.class, opt::step);
            assertArrayEquals(new float[] {1f, -2f, 3f}, p);
            assertArrayEquals(new float[3], opt.slotValues("p", AdaBound.M));
            assertEquals(0, opt.stepCount());
        }
    }

    @Test
    void weightDecayIsDecidedOnTheDouble() {
        AdaBoundCoefficients c = AdaBound.adaBound().withWeightDecay(1e-50).coefficients(new StepContext(1, 1e-3, 1e-3));
        assertEquals(true, c.l2());
        assertEquals(0f, c.weightDecay());
    }
}
