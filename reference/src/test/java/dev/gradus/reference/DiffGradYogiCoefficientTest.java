package dev.gradus.reference;

import dev.gradus.kernel.DiffGradCoefficients;
import dev.gradus.kernel.YogiCoefficients;
import dev.gradus.rules.DiffGrad;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Yogi;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DiffGrad's and Yogi's per-step scalars follow their sources' expressions, in double, rounded once (spec R14, R15). */
class DiffGradYogiCoefficientTest {

    @Test
    void diffGradStepSizeIsLrTimesSqrtBc2OverBc1() {
        double lr = 0.01, b1 = 0.8, b2 = 0.99;
        DiffGradCoefficients c = new DiffGrad().withBetas(b1, b2).coefficients(new StepContext(5, lr, lr));
        double bc1 = 1 - Math.pow(b1, 5), bc2 = 1 - Math.pow(b2, 5);
        assertEquals((float) -(lr * Math.sqrt(bc2) / bc1), c.negStepSize());
        assertEquals((float) (1.0 - b1), c.oneMinusBeta1());
        assertEquals((float) (1.0 - b2), c.oneMinusBeta2());
        assertEquals(1e-8f, c.eps());
        assertFalse(c.l2());
        assertTrue(new DiffGrad().withWeightDecay(1e-300).coefficients(new StepContext(1, lr, lr)).l2(),
                "λ ≠ 0 is decided on the double, even when ⟨λ⟩ rounds to 0");
    }

    @Test
    void yogiScalarsAreTheQuotientNegatedAndTheNegatedOneMinusBeta2() {
        double lr = 0.05, b1 = 0.8, b2 = 0.99;
        YogiCoefficients c = new Yogi().withBetas(b1, b2).coefficients(new StepContext(7, lr, lr));
        assertEquals((float) -(lr / (1 - Math.pow(b1, 7))), c.negStepSize());
        assertEquals((float) Math.sqrt(1 - Math.pow(b2, 7)), c.bc2Sqrt());
        assertEquals((float) -(1.0 - b2), c.negOneMinusBeta2());
        assertEquals((float) (1.0 - b1), c.oneMinusBeta1());
        assertEquals(1e-3f, c.eps());
    }

    @Test
    void yogiStartsBothMomentsAtTheInitialAccumulator() {
        Yogi y = new Yogi().withInitialAccumulatorValue(0.1);
        assertEquals(0.1f, y.initialSlotValue(Yogi.M));
        assertEquals(0.1f, y.initialSlotValue(Yogi.V));
        assertEquals((float) 1e-6, new Yogi().initialSlotValue(Yogi.V));
        assertEquals(-2.5f, new Yogi().withInitialAccumulatorValue(-2.5).initialSlotValue(Yogi.V), "any finite value");
    }
}
