package dev.gradus.schedule;

/** Integer and interval checks that {@link dev.gradus.rules.Check} does not have. */
final class Limits {
    private Limits() {
    }

    /** {@code v >= min}. */
    static long atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** In {@code (0, 1]}. */
    static double unitLeftOpen(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + v);
        }
        return v;
    }

    /** {@code e >= 0}, the argument of every {@code valueAt}. */
    static long epoch(long completedSteps) {
        if (completedSteps < 0) {
            throw new IllegalArgumentException("completedSteps must be >= 0, got " + completedSteps);
        }
        return completedSteps;
    }
}
