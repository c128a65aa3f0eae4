package dev.gradus.bench.results;

import dev.gradus.bench.Probe;
import dev.gradus.bench.Traffic;

/**
 * The report's figures for one rule, size and memory kind. Any figure whose inputs were not
 * measured is NaN.
 *
 * @param rule     the {@code BenchRules} name
 * @param size     elements per step
 * @param memory   {@code array} or {@code native}
 * @param traffic  bytes per element of the rule (spec §M); null when the table lacks the rule
 * @param probe    the probe with the matching read/write mix; null without traffic
 * @param scalarNs ns per element, scalar reference
 * @param vectorNs ns per element, SIMD kernels
 * @param probeGBs the best bandwidth the matching probe measured at this size (over memory kinds)
 */
public record StepRow(String rule, long size, String memory, Traffic traffic, Probe probe,
                      double scalarNs, double vectorNs, double probeGBs) {

    /** Effective GB/s of the scalar reference: bytes per element ÷ ns per element. */
    public double scalarGBs() {
        return traffic == null ? Double.NaN : traffic.totalBytes() / scalarNs;
    }

    public double vectorGBs() {
        return traffic == null ? Double.NaN : traffic.totalBytes() / vectorNs;
    }

    /** Scalar effective bandwidth in % of the matching probe's. */
    public double scalarPercent() {
        return 100 * scalarGBs() / probeGBs;
    }

    public double vectorPercent() {
        return 100 * vectorGBs() / probeGBs;
    }

    /** Scalar time ÷ SIMD time: above 1 the SIMD kernels are faster. */
    public double vectorSpeedup() {
        return scalarNs / vectorNs;
    }
}
