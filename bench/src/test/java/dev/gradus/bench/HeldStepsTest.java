package dev.gradus.bench;

import dev.gradus.rules.Adam;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldStepsTest {

    /** Records the step numbers its plans are asked for. */
    private static class Recording implements Rule {
        final List<Long> steps = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<String> slotNames() {
            return List.of("m");
        }

        @Override
        public OptionalDouble defaultLearningRate() {
            return OptionalDouble.of(0.5);
        }

        @Override
        public StepPlan plan(StepContext context) {
            steps.add(context.step());
            return (kernels, buffers, from, to) -> { };
        }
    }

    @Test
    void stepsCycleFromTheFirstAndTheRestIsTheInnerRules() {
        Recording inner = new Recording();
        HeldSteps held = new HeldSteps(inner, 100_000);
        for (long t = 1; t <= 2L * StepBench.CYCLE + 5; t++) {
            held.plan(new StepContext(t, 0.1, 0.1));
        }
        for (int i = 0; i < inner.steps.size(); i++) {
            assertEquals(100_000L + i % StepBench.CYCLE, inner.steps.get(i), "optimizer step " + (i + 1));
        }
        assertEquals(List.of("m"), held.slotNames());
        assertEquals(0.5, held.defaultLearningRate().getAsDouble());
        assertEquals("recording", held.name());
    }

    @Test
    void aRealRuleKeepsItsSlotsAndScalars() {
        Rule adam = Adam.adam(), held = new HeldSteps(adam, 10);
        assertEquals(adam.slotNames(), held.slotNames());
        assertEquals(adam.scalarNames(), held.scalarNames());
        assertTrue(held.plan(new StepContext(1, 1e-3, 1e-3, held.initialScalars())) != null);
    }

    /**
     * SWATS's plan reads its phase from the group scalars it is handed and writes its switch there: held, it
     * reads the held values and writes into a copy that neither the optimizer nor the next step sees.
     */
    @Test
    void heldGroupScalarsAreSeenAndWhatThePlanWritesIsDropped() {
        for (double[] held : new double[][] {null, {5}}) {
            List<Double> seen = new ArrayList<>();
            Rule writer = new Recording() {
                @Override
                public List<String> scalarNames() {
                    return List.of("s");
                }

                @Override
                public StepPlan plan(StepContext context) {
                    seen.add(context.scalars()[0]);
                    context.scalars()[0] = 1;
                    return super.plan(context);
                }
            };
            double[] group = {0};
            HeldSteps h = new HeldSteps(writer, 10, held);
            h.plan(new StepContext(1, 0.1, 0.1, group));
            h.plan(new StepContext(2, 0.1, 0.1, group));
            assertEquals(held == null ? List.of(0.0, 1.0) : List.of(5.0, 5.0), seen, "held: " + java.util.Arrays.toString(held));
            assertEquals(held == null ? 1 : 0, group[0], "held: " + java.util.Arrays.toString(held));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new HeldSteps(new Recording(), 10, new double[] {1}));
        assertEquals("heldScalars must hold the rule's 0 group scalars [], got 1", e.getMessage());
    }

    @Test
    void refusesAFirstStepBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HeldSteps(new Recording(), 0));
        assertTrue(e.getMessage().contains("first") && e.getMessage().contains("0"), e.getMessage());
    }
}
