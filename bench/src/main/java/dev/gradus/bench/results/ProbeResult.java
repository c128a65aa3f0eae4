package dev.gradus.bench.results;

import dev.gradus.bench.Probe;

/**
 * One JMH result of a bandwidth probe ({@code ProbeBench}).
 *
 * @param probe     which probe
 * @param size      elements per call
 * @param memory    {@code array} or {@code native}
 * @param nsPerCall JMH's score: average ns per call
 * @param errorNs   JMH's 99.9% confidence half-width of the score
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record ProbeResult(Probe probe, long size, String memory, double nsPerCall, double errorNs, double spread) implements Measured {

    /** Bytes moved per ns, i.e. GB/s (10⁹ bytes per second), counting the probe's nominal traffic. */
    public double gbPerSecond() {
        return probe.traffic().totalBytes() * (double) size / nsPerCall;
    }
}
