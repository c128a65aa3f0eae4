package dev.gradus.rules;

/** Hyperparameter checks whose messages name the parameter, the value and what was expected. */
public final class Check {
    private Check() {
    }

    /** finite and {@code >= 0}. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** finite and {@code > 0}. */
    public static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    /** In {@code [0, 1)}. */
    public static double unitHalfOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** In {@code (0, 1)}. */
    public static double unitOpen(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + v);
        }
        return v;
    }

    /** In {@code [0, 1]}. */
    public static double unitClosed(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
        return v;
    }

    /** {@code v >= min}. */
    public static long atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** Any finite value. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }

    /** Not null. */
    public static <T> T notNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }
}
