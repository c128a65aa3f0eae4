package dev.gradus;

import dev.gradus.rules.Check;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A group of parameters that share one rule, one learning-rate schedule and optional schedules
 * of other hyperparameters (e.g. no weight decay for biases, or β1 cycled by one-cycle).
 * Obtained from {@link Optimizer#group(String)}; parameters are registered through it.
 */
public final class ParamGroup {

    /** One registered parameter with its buffers. */
    record Param(String name, MemorySegment value, MemorySegment grad, ParamBuffers buffers, long length, List<Integer> shape) {
    }

    /**
     * Parameters registered together from a {@link ParameterLayout}: the {@code count} parameters
     * from the one it is keyed by, in order, and the buffers spanning all of them.
     */
    record Block(int count, ParamBuffers buffers) {
    }

    /** A schedule that sets one hyperparameter of the group's rule at every step. */
    record HyperSchedule<R extends Rule>(Schedule schedule, BiFunction<R, Double, R> apply) {
        @SuppressWarnings("unchecked")
        Rule applyTo(Rule rule, long completedSteps) {
            return apply.apply((R) rule, schedule.valueAt(completedSteps));
        }
    }

    private final Optimizer owner;
    private final String name;
    private final Rule rule;
    private final Schedule learningRate;
    private final List<HyperSchedule<?>> hyperSchedules;
    final Map<String, Param> params = new LinkedHashMap<>();
    /** Blocks by the name of their first parameter. */
    final Map<String, Block> blocks = new LinkedHashMap<>();
    double[] scalars;

    ParamGroup(Optimizer owner, String name, Rule rule, Schedule learningRate, List<HyperSchedule<?>> hyperSchedules) {
        this.owner = owner;
        this.name = name;
        this.rule = rule;
        this.learningRate = learningRate;
        this.hyperSchedules = List.copyOf(hyperSchedules);
        this.scalars = rule.initialScalars().clone();
    }

    /** The group's name ({@value Optimizer#DEFAULT_GROUP} for the builder's own rule). */
    public String name() {
        return name;
    }

    /** The rule as configured (before hyperparameter schedules). */
    public Rule rule() {
        return rule;
    }

    /** The learning-rate schedule. */
    public Schedule learningRateSchedule() {
        return learningRate;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return learningRate.valueAt(owner.stepCount());
    }

    /** Registered parameter names of this group, in registration order. */
    public List<String> parameterNames() {
        return List.copyOf(params.keySet());
    }

    /** Registers a heap parameter in this group (see {@link Optimizer#register(String, float[], float[], int...)}). */
    public ParamGroup register(String param, float[] value, float[] grad, int... shape) {
        owner.register(this, param, value, grad, shape);
        return this;
    }

    /** Registers a segment parameter in this group (see {@link Optimizer#register(String, MemorySegment, MemorySegment, int...)}). */
    public ParamGroup register(String param, MemorySegment value, MemorySegment grad, int... shape) {
        owner.register(this, param, value, grad, shape);
        return this;
    }

    /** Registers a block of parameters in this group (see {@link Optimizer#register(ParameterLayout, MemorySegment, MemorySegment)}). */
    public ParamGroup register(ParameterLayout layout, MemorySegment values, MemorySegment grads) {
        owner.register(this, layout, values, grads);
        return this;
    }

    /** Registers a heap block of parameters in this group (see {@link Optimizer#register(ParameterLayout, float[], float[])}). */
    public ParamGroup register(ParameterLayout layout, float[] values, float[] grads) {
        owner.register(this, layout, values, grads);
        return this;
    }

    /** The learning rate of the step after {@code completed} steps, checked. */
    double learningRateAt(long completed) {
        double lr = learningRate.valueAt(completed);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException("learning rate of group '" + name + "' for step " + (completed + 1)
                    + " from its schedule must be finite and >= 0, got " + lr);
        }
        return lr;
    }

    /** The rule with every hyperparameter schedule applied for the step after {@code completed} steps. */
    Rule ruleAt(long completed) {
        if (hyperSchedules.isEmpty()) {
            return rule;                        // nothing can change the rule: no per-step checks to make
        }
        Rule r = rule;
        for (HyperSchedule<?> h : hyperSchedules) {
            try {
                r = h.applyTo(r, completed);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("a hyperparameter schedule of group '" + name + "' gives an invalid rule for step "
                        + (completed + 1) + ": " + e.getMessage(), e);
            }
            Check.notNull("scheduled rule", r);
        }
        if (!r.slotNames().equals(rule.slotNames())) {
            throw new IllegalStateException("a hyperparameter schedule of group '" + name + "' changes the rule's state slots from "
                    + rule.slotNames() + " to " + r.slotNames() + " at step " + (completed + 1));
        }
        if (!r.scalarNames().equals(rule.scalarNames()) || !r.parameterScalarNames().equals(rule.parameterScalarNames())) {
            throw new IllegalStateException("a hyperparameter schedule of group '" + name + "' changes the rule's scalar state from "
                    + rule.scalarNames() + " (per parameter " + rule.parameterScalarNames() + ") to " + r.scalarNames()
                    + " (per parameter " + r.parameterScalarNames() + ") at step " + (completed + 1));
        }
        return r;
    }

    /** The hyperparameter schedules, in the order they were added. */
    List<HyperSchedule<?>> hyperSchedules() {
        return hyperSchedules;
    }

}
