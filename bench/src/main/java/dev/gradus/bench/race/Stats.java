package dev.gradus.bench.race;

import java.util.Arrays;

/** Summary statistics of a few numbers. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    /** Sample standard deviation (n − 1); 0 for one value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** Max ÷ min: how many times the largest exceeds the smallest. */
    static double ratio(double[] v) {
        return max(v) / min(v);
    }
}
