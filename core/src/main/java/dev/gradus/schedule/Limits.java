package dev.gradus.schedule;

/** Interval and step checks of the schedules that {@link dev.gradus.rules.Check} does not have. */
final class Limits {
    private Limits() {
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
