package dev.gradus.bench.results;

/**
 * One JMH result of {@code SwatsSumsBench.indexOrder}: SWATS's two dot products alone, each a chain of
 * float additions in index order (its default sums, spec R18), over {@code size} floats of {@code float[]}.
 * No SWATS step that keeps those bits can take less time.
 *
 * @param size      elements summed
 * @param nsPerCall JMH's score: average ns per pass over both sums
 * @param errorNs   JMH's 99.9% confidence half-width of the score (NaN with too few samples)
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record SwatsFloorResult(long size, double nsPerCall, double errorNs, double spread) implements Measured {
}
