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

    /** SWATS's plan writes its switch into the group scalars it is handed: held, into a copy the optimizer never sees. */
    @Test
    void heldGroupScalarsDropWhatThePlanWrites() {
        for (boolean hold : new boolean[] {false, true}) {
            Rule writer = new Recording() {
                @Override
                public StepPlan plan(StepContext context) {
                    context.scalars()[0] = 1;
                    return super.plan(context);
                }
            };
            double[] group = {0};
            new HeldSteps(writer, 10, hold).plan(new StepContext(1, 0.1, 0.1, group));
            assertEquals(hold ? 0 : 1, group[0], "held: " + hold);
        }
    }

    @Test
    void refusesAFirstStepBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HeldSteps(new Recording(), 0));
        assertTrue(e.getMessage().contains("first") && e.getMessage().contains("0"), e.getMessage());
    }
}
