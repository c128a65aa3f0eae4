package dev.gradus.bench.charts;

import java.util.Arrays;

/**
 * One named line or set of bars. For a {@link BarPlot}, {@code y[i]} belongs to category {@code i}
 * and {@code x} is ignored. Non-finite values (and values ≤ 0 on a log axis) are not drawn.
 *
 * @param dashed draw the line dashed (a reference such as a roofline)
 */
public record Series(String name, double[] x, double[] y, boolean dashed) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    public Series(String name, double[] x, double[] y) {
        this(name, x, y, false);
    }

    /** Bar values, one per category. */
    public static Series bars(String name, double[] values) {
        double[] idx = new double[values.length];
        Arrays.setAll(idx, i -> i);
        return new Series(name, idx, values, false);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public int size() {
        return x.length;
    }
}
