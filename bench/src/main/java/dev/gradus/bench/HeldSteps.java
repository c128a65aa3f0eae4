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
 * Given group scalars to hold, the inner rule gets a copy of them at every step instead of the group's,
 * so what its plan writes there is dropped: SWATS held at its initial scalars stays in its Adam phase
 * however many steps run (its switch test is still made every step), as {@link StepBench} measures it,
 * or, held at {@code [PHASE_SGD, Λ]}, in its SGD phase from the first step; stepping one fixed
 * gradient it would otherwise switch to SGD at a step that depends on the size and the sums (on Zen 3,
 * float sums: after 662 steps at 256K and 775 at 1M; double sums: after 937–1737 steps from 4K to 1M
 * and 1204 at 16M). Everything else is the inner rule's.
 */
final class HeldSteps implements Rule {

    private final Rule inner;
    private final long first;
    /** The group scalars every plan sees a copy of; null: the group's own. */
    private final double[] heldScalars;

    HeldSteps(Rule inner, long first) {
        this(inner, first, null);
    }

    /** @param heldScalars group scalars to hand the inner rule (a copy) at every step, or null for the group's own */
    HeldSteps(Rule inner, long first, double[] heldScalars) {
        if (first < 1) {
            throw new IllegalArgumentException("first must be ≥ 1, got " + first);
        }
        if (heldScalars != null && heldScalars.length != inner.scalarNames().size()) {
            throw new IllegalArgumentException("heldScalars must hold the rule's " + inner.scalarNames().size() + " group scalars "
                    + inner.scalarNames() + ", got " + heldScalars.length);
        }
        this.inner = inner;
        this.first = first;
        this.heldScalars = heldScalars == null ? null : heldScalars.clone();
    }

    @Override
    public StepPlan plan(StepContext c) {
        long t = first + Math.floorMod(c.step() - 1, (long) StepBench.CYCLE);
        double[] scalars = heldScalars != null ? heldScalars.clone() : c.scalars();
        return inner.plan(new StepContext(t, c.learningRate(), c.initialLearningRate(), scalars));
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
