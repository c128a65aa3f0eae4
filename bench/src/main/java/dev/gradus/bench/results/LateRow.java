package dev.gradus.bench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rule's SIMD step early and late in a run, at one size and memory kind: the report's main figure
 * (the cycle from {@code StepBench.FIRST_STEP}, 10) beside the same step from {@code late.fromStep()}.
 *
 * @param late    the late result
 * @param earlyNs ns per element of the SIMD step from {@code StepBench.FIRST_STEP} (NaN when the run has none)
 */
public record LateRow(LateStepResult late, double earlyNs) {

    public double lateNs() {
        return late.nsPerElement();
    }

    /** Early time ÷ late time: how much faster the step runs late in a run. */
    public double speedup() {
        return earlyNs / lateNs();
    }

    /**
     * One row per late result, each beside the SIMD step of the same rule, size and memory kind; a rule's
     * rows together (rules in the order they first appear, JMH's order within a rule).
     */
    public static List<LateRow> of(List<LateStepResult> late, List<StepResult> steps) {
        List<String> rules = late.stream().map(LateStepResult::rule).distinct().toList();
        List<LateStepResult> sorted = late.stream().sorted(Comparator.comparingInt(l -> rules.indexOf(l.rule()))).toList();
        List<LateRow> rows = new ArrayList<>();
        for (LateStepResult l : sorted) {
            double early = steps.stream()
                    .filter(s -> s.kernels().equals("vector") && s.rule().equals(l.rule()) && s.size() == l.size()
                            && s.memory().equals(l.memory()))
                    .mapToDouble(StepResult::nsPerElement).findFirst().orElse(Double.NaN);
            rows.add(new LateRow(l, early));
        }
        return rows;
    }
}
