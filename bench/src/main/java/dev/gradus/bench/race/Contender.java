package dev.gradus.bench.race;

import dev.gradus.Schedule;
import dev.gradus.bench.BenchRules;
import dev.gradus.rules.Rule;

/**
 * One optimizer setting in the race.
 *
 * @param label        shown in tables and legends
 * @param rule         the {@link BenchRules} name of the rule it runs (for grouping)
 * @param learningRate the base learning rate, for display
 * @param schedule     a description of the schedule ("constant", "linear warm-up over 100 steps")
 * @param factory      builds the stepper
 */
public record Contender(String label, String rule, double learningRate, String schedule, Stepper.Factory factory) {

    /** The {@link BenchRules} rule {@code name} at constant learning rate {@code lr}. */
    public static Contender constant(String label, String name, Rule rule, double lr) {
        return new Contender(label, name, lr, "constant", Stepper.optimizer(rule, Schedule.constant(lr)));
    }

    /**
     * The rule with a linear warm-up: step k (1-based) uses {@code lr·min(1, k/steps)}, rising from
     * {@code lr/steps} to {@code lr} at step {@code steps}, constant afterwards.
     */
    public static Contender warmedUp(String label, String name, Rule rule, double lr, int steps) {
        Schedule warmup = completed -> lr * Math.min(1.0, (completed + 1.0) / steps);
        return new Contender(label, name, lr, "linear warm-up over " + steps + " steps",
                Stepper.optimizer(rule, warmup));
    }
}
