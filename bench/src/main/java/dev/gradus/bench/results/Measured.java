package dev.gradus.bench.results;

/** A JMH result over {@code size} elements: its time per element, and whether its iterations were steady. */
public interface Measured {

    /** Measured iterations differing by more than this factor make a result unsteady. */
    double UNSTEADY = 1.5;

    /** Elements per call. */
    long size();

    /** JMH's score: average ns per call. */
    double nsPerCall();

    /** Slowest ÷ fastest measured iteration (NaN with fewer than two). */
    double spread();

    default double nsPerElement() {
        return nsPerCall() / size();
    }

    default boolean unsteady() {
        return spread() > UNSTEADY;
    }
}
