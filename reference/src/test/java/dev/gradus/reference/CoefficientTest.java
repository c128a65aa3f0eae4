package dev.gradus.reference;

import dev.gradus.kernel.AdagradCoefficients;
import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.kernel.AdamaxCoefficients;
import dev.gradus.kernel.RmspropCoefficients;
import dev.gradus.rules.Adagrad;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Adamax;
import dev.gradus.rules.Rmsprop;
import dev.gradus.rules.StepContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Per-step scalars are computed in double and rounded once (spec §0.1). */
class CoefficientTest {

    @Test
    void oneMinusBetaIsRoundedFromDouble() {
        AdamCoefficients c = Adam.adam().coefficients(new StepContext(1, 1e-3, 1e-3));
        // 1.0 − 0.9 = 0.09999999999999998 in double, which rounds to 0.1f; 1f − 0.9f would be 0.100000024f.
        assertEquals(Float.floatToIntBits(0.1f), Float.floatToIntBits(c.oneMinusBeta1()));
        assertNotEquals(Float.floatToIntBits(1f - 0.9f), Float.floatToIntBits(c.oneMinusBeta1()));
    }

    @Test
    void biasCorrectionsFollowTheSpecExpression() {
        double lr = 0.01, b1 = 0.8, b2 = 0.99;
        AdamCoefficients c = Adam.adam().withBetas(b1, b2).coefficients(new StepContext(7, lr, lr));
        assertEquals((float) -(lr / (1 - Math.pow(b1, 7))), c.negStepSize());
        assertEquals((float) Math.sqrt(1 - Math.pow(b2, 7)), c.bc2Sqrt());
    }

    @Test
    void adamWDecayFactorIsOneMinusLrTimesLambda() {
        AdamCoefficients c = Adam.adamW().coefficients(new StepContext(1, 0.003, 0.003));
        assertEquals((float) (1.0 - 0.003 * 0.01), c.decay());
        assertEquals(true, c.decoupled());
        assertEquals(false, c.l2());
    }

    @Test
    void adagradDecayedLearningRateFollowsTheSpecExpression() {
        double lr = 0.1, decay = 0.01;
        AdagradCoefficients c = new Adagrad().withLrDecay(decay).coefficients(new StepContext(7, lr, lr));
        assertEquals((float) -(lr / (1 + (7.0 - 1) * decay)), c.negClr());
    }

    @Test
    void adagradAccumulatorStartsAtTheRoundedInitialValue() {
        Adagrad a = new Adagrad().withInitialAccumulatorValue(0.1);
        assertEquals(Float.floatToIntBits((float) 0.1), Float.floatToIntBits(a.initialSlotValue(Adagrad.SUM)));
    }

    @Test
    void weightDecayIsOnWhenTheDoubleIsNonZero() {
        // 1e-50 rounds to 0f, but torch tests the Python float: the L2 term is applied (and adds 0·θ).
        AdagradCoefficients c = new Adagrad().withWeightDecay(1e-50).coefficients(new StepContext(1, 0.01, 0.01));
        assertEquals(0f, c.weightDecay());
        assertEquals(true, c.l2());
    }

    @Test
    void rmspropOneMinusAlphaIsRoundedFromDouble() {
        RmspropCoefficients c = new Rmsprop().withAlpha(0.9).coefficients(new StepContext(1, 0.01, 0.01));
        assertEquals(Float.floatToIntBits(0.1f), Float.floatToIntBits(c.oneMinusAlpha()));
        assertNotEquals(Float.floatToIntBits(1f - 0.9f), Float.floatToIntBits(c.oneMinusAlpha()));
    }

    @Test
    void adamaxStepSizeCorrectsOnlyTheFirstMoment() {
        double lr = 0.002, b1 = 0.8;
        AdamaxCoefficients c = new Adamax().withBetas(b1, 0.99).coefficients(new StepContext(5, lr, lr));
        assertEquals((float) -(lr / (1 - Math.pow(b1, 5))), c.negClr());
    }
}
