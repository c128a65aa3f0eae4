package dev.gradus.bench.results;

import dev.gradus.bench.Probe;

/**
 * One JMH result of {@code ThreadProbeBench}: a bandwidth probe over {@code size} floats in all,
 * each of {@code threads} threads streaming its own share (native memory) at the same time.
 *
 * @param probe     which probe
 * @param size      elements over all threads
 * @param threads   threads streaming at once
 * @param nsPerCall JMH's score: average ns of one thread's call over its share
 * @param errorNs   JMH's 99.9% confidence half-width of the score
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record ThreadProbeResult(Probe probe, long size, int threads, double nsPerCall, double errorNs, double spread) implements Measured {

    /**
     * GB/s of all threads together: while one thread streams its share in one call time, the
     * others stream theirs, so one call time moves all {@code size} elements: the probe's nominal
     * bytes per element × size ÷ ns per call.
     */
    public double gbPerSecond() {
        return probe.traffic().totalBytes() * (double) size / nsPerCall;
    }
}
