package dev.gradus.rules;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An update rule: immutable, validated hyperparameters that turn into a {@link StepPlan} per step.
 *
 * <p>A rule computes its per-step scalars (bias corrections, step sizes, decay factors) once per
 * step, in double, and rounds each to float once (spec §0.1); the plan hands them to the kernels.
 * The learning rate is not a hyperparameter of the record: the {@link dev.gradus.Optimizer} takes
 * it from its {@link dev.gradus.Schedule}.
 */
public interface Rule {

    /** Short name, as in the golden files: {@code sgd}, {@code adam}, {@code adamw}, … */
    String name();

    /** Names of the per-element state slots, allocated when a parameter is registered. */
    List<String> slotNames();

    /** Value every element of a slot starts at (0 unless the rule says otherwise). */
    default float initialSlotValue(String slot) {
        return 0f;
    }

    /** Whether a slot starts as a copy of the parameter (Lookahead's slow weights) instead of a constant. */
    default boolean slotCopiesParameter(String slot) {
        return false;
    }

    /**
     * Names of the rule's scalar state, shared by all parameters that step together (for example
     * NAdam's μ-product). Empty for most rules.
     */
    default List<String> scalarNames() {
        return List.of();
    }

    /** Initial values of {@link #scalarNames()}. */
    default double[] initialScalars() {
        return new double[0];
    }

    /**
     * Names of scalar state kept per parameter (SWATS's projected learning rate of each tensor),
     * handed to the plan in {@link ParamBuffers#scalars()}. Empty for most rules.
     */
    default List<String> parameterScalarNames() {
        return List.of();
    }

    /** Initial values of {@link #parameterScalarNames()}. */
    default double[] initialParameterScalars() {
        return new double[0];
    }

    /**
     * Whether the rule's plan must see each parameter whole: one {@link StepPlan#apply} call over
     * {@code [0, length)} of the parameter's segments, never a split into arbitrary ranges, parameters in
     * registration order (SWATS: its per-parameter dot products decide the phase of later parameters). Such a
     * plan may be a {@link PartedPlan}, whose parts of one parameter the {@link dev.gradus.Optimizer} runs
     * on several threads before the parameter's finish. False for a rule whose element formula is a pure
     * per-element map, whose plan may be applied to any ranges.
     */
    default boolean wholeParameters() {
        return false;
    }

    /**
     * Gradient centralisation the rule asks the optimizer to apply to its parameters' gradients
     * before each step (Ranger); empty for most rules. A rule that asks for it writes gradients.
     */
    default java.util.Optional<Centralization> centralization() {
        return java.util.Optional.empty();
    }

    /** The source's default learning rate, when it has one (torch 1.13 SGD has none). */
    OptionalDouble defaultLearningRate();

    /** The plan of step {@code context.step()} (1-based). */
    StepPlan plan(StepContext context);
}
