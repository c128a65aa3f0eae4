package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.Traffic;

/**
 * The report's thread figures for one rule and size: the whole {@code Optimizer.step()} on one
 * and on two threads ({@code ThreadBench}, native memory), each set against its roofline. Any
 * figure whose inputs were not measured is NaN.
 *
 * @param rule        the {@code BenchRules} name
 * @param size        elements per step
 * @param traffic     bytes per element of the rule (spec §M); null when the table lacks the rule
 * @param probe       the probe with the matching read/write mix; null without traffic
 * @param one         the 1-thread result, or null
 * @param two         the 2-thread result, or null
 * @param roofline1   the 1-thread roofline: the best GB/s {@code probe} reached at this size on one
 *                    thread ({@code ProbeBench}, over the memory kinds measured), as in {@link StepRow}
 * @param roofline2   the 2-thread roofline: the GB/s of {@code probe} on two threads at this size
 *                    ({@code ThreadProbeBench}, see {@link ThreadProbeResult#gbPerSecond()})
 */
public record ScalingRow(String rule, long size, Traffic traffic, Probe probe, ThreadResult one, ThreadResult two,
                         double roofline1, double roofline2) {

    /** ns per element of the 1-thread step. */
    public double oneNs() {
        return one == null ? Double.NaN : one.nsPerElement();
    }

    /** ns per element of the 2-thread step. */
    public double twoNs() {
        return two == null ? Double.NaN : two.nsPerElement();
    }

    /** Speed-up of two threads over one: 1-thread time ÷ 2-thread time (2 would be perfect). */
    public double speedup() {
        return oneNs() / twoNs();
    }

    /** Effective GB/s on one thread: the rule's bytes per element ÷ ns per element. */
    public double oneGBs() {
        return traffic == null ? Double.NaN : traffic.totalBytes() / oneNs();
    }

    public double twoGBs() {
        return traffic == null ? Double.NaN : traffic.totalBytes() / twoNs();
    }

    /** 1-thread effective bandwidth in % of the 1-thread roofline. */
    public double onePercent() {
        return 100 * oneGBs() / roofline1;
    }

    /** 2-thread effective bandwidth in % of the 2-thread roofline. */
    public double twoPercent() {
        return 100 * twoGBs() / roofline2;
    }

    /** Whether either result's measured iterations differ by more than {@link Measured#UNSTEADY}. */
    public boolean unsteady() {
        return one != null && one.unsteady() || two != null && two.unsteady();
    }
}
