package dev.gradus.reference;

import dev.gradus.kernel.AdaModCoefficients;
import dev.gradus.rules.AdaMod;
import dev.gradus.rules.StepContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AdaMod's per-step scalars (spec R13): the source's expression order in double, rounded once. */
class AdaModCoefficientTest {

    @Test
    void scalarsFollowTheSourceExpressions() {
        double lr = 0.01, b1 = 0.8, b2 = 0.99, b3 = 0.99, wd = 0.01;
        long t = 9;
        AdaModCoefficients c = new AdaMod(b1, b2, b3, 1e-8, wd).coefficients(new StepContext(t, lr, lr));
        assertEquals((float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t))), c.stepSize());
        assertEquals((float) (-wd * lr), c.negDecay());
        assertEquals((float) (1.0 - b3), c.oneMinusBeta3());
        assertEquals(true, c.decay());
    }

    @Test
    void theDefaultBeta3IsTheCodeValueNotTheDocstringValue() {
        assertEquals(0.999, new AdaMod().beta3());
    }

    @Test
    void weightDecayIsDecidedOnLambdaAloneAsTheSourceDoes() {
        // lr = 0: the source still applies θ + ⟨−λ·0⟩·θ (it tests weight_decay != 0 only).
        AdaModCoefficients c = new AdaMod().withWeightDecay(0.1).coefficients(new StepContext(3, 0.0, 1e-3));
        assertEquals(true, c.decay());
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(c.negDecay()));
        assertEquals(false, new AdaMod().coefficients(new StepContext(3, 1e-3, 1e-3)).decay());
    }
}
