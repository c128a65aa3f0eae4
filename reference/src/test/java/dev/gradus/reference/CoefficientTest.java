package dev.gradus.reference;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.rules.Adam;
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
}
