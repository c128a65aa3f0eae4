package dev.gradus.bench;

import dev.gradus.rules.Centralization;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A rule that sees an optimizer's steps 1, 2, 3, … as steps {@code first}, {@code first + 1}, …,
 * {@code first + }{@value StepBench#CYCLE}{@code  − 1} over and over, as {@link StepBench} cycles them: a
 * whole-step benchmark so measures one regime however many steps it runs. Left to count up, an Adam
 * step would leave out its division by ⟨bc2s⟩ from step 16,628 on (where it rounds to 1; with β2 = 0.999),
 * which the faster benchmarks reach within their warm-up and the slower ones never or midway through.
 * Everything but the step number is the inner rule's.
 */
final class HeldSteps implements Rule {

    private final Rule inner;
    private final long first;

    HeldSteps(Rule inner, long first) {
        if (first < 1) {
            throw new IllegalArgumentException("first must be ≥ 1, got " + first);
        }
        this.inner = inner;
        this.first = first;
    }

    @Override
    public StepPlan plan(StepContext c) {
        long t = first + Math.floorMod(c.step() - 1, (long) StepBench.CYCLE);
        return inner.plan(new StepContext(t, c.learningRate(), c.initialLearningRate(), c.scalars()));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<String> slotNames() {
        return inner.slotNames();
    }

    @Override
    public float initialSlotValue(String slot) {
        return inner.initialSlotValue(slot);
    }

    @Override
    public boolean slotCopiesParameter(String slot) {
        return inner.slotCopiesParameter(slot);
    }

    @Override
    public List<String> scalarNames() {
        return inner.scalarNames();
    }

    @Override
    public double[] initialScalars() {
        return inner.initialScalars();
    }

    @Override
    public List<String> parameterScalarNames() {
        return inner.parameterScalarNames();
    }

    @Override
    public double[] initialParameterScalars() {
        return inner.initialParameterScalars();
    }

    @Override
    public boolean wholeParameters() {
        return inner.wholeParameters();
    }

    @Override
    public Optional<Centralization> centralization() {
        return inner.centralization();
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return inner.defaultLearningRate();
    }
}
