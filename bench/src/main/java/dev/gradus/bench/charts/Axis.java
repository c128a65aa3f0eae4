package dev.gradus.bench.charts;

import dev.gradus.bench.results.Figures;

import java.util.ArrayList;
import java.util.List;

/** The domain, ticks and value-to-pixel mapping of one chart axis. */
final class Axis {

    record Tick(double value, String label) {
    }

    final Scale scale;
    final double lo;
    final double hi;
    final List<Tick> ticks;
    private final double from;
    private final double to;

    private Axis(Scale scale, double lo, double hi, List<Tick> ticks, double from, double to) {
        this.scale = scale;
        this.lo = lo;
        this.hi = hi;
        this.ticks = ticks;
        this.from = from;
        this.to = to;
    }

    /** Whether {@code v} can be drawn on this scale. */
    static boolean drawable(Scale scale, double v) {
        return Double.isFinite(v) && (scale == Scale.LINEAR || v > 0);
    }

    /**
     * An axis covering {@code [min, max]} (drawable values only), mapped to pixels {@code [from, to]}.
     * With {@code includeZero} a linear axis starts at 0 (bars).
     */
    static Axis of(Scale scale, double min, double max, boolean includeZero, double from, double to) {
        if (!(min <= max)) {
            min = scale == Scale.LINEAR ? 0 : 1;
            max = scale == Scale.LINEAR ? 1 : 10;
        }
        return switch (scale) {
            case LINEAR -> linear(includeZero ? Math.min(0, min) : min, includeZero ? Math.max(0, max) : max, from, to);
            case LOG -> log(min, max, from, to);
            case LOG_SIZE -> logSize(min, max, from, to);
        };
    }

    private static Axis linear(double min, double max, double from, double to) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / 5);
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
            double v = lo + i * step;
            if (Math.abs(v) < step * 1e-9) {
                v = 0;
            }
            ticks.add(new Tick(v, Xml.num(v)));
        }
        return new Axis(Scale.LINEAR, lo, hi, ticks, from, to);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double nice(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static Axis log(double min, double max, double from, double to) {
        int e0 = (int) Math.floor(Math.log10(min));
        int e1 = (int) Math.ceil(Math.log10(max));
        if (e1 == e0) {
            e1++;
        }
        List<Tick> ticks = new ArrayList<>();
        boolean fine = e1 - e0 <= 1;
        for (int e = e0; e <= e1; e++) {
            double p = Math.pow(10, e);
            ticks.add(new Tick(p, Xml.num(p)));
            if (fine && e < e1) {
                ticks.add(new Tick(2 * p, Xml.num(2 * p)));
                ticks.add(new Tick(5 * p, Xml.num(5 * p)));
            }
        }
        return new Axis(Scale.LOG, Math.pow(10, e0), Math.pow(10, e1), ticks, from, to);
    }

    private static Axis logSize(double min, double max, double from, double to) {
        double lo = min / 2;
        double hi = max * 2;
        List<Tick> ticks = new ArrayList<>();
        for (long p = 1; p <= hi; p *= 4) {
            if (p >= lo) {
                ticks.add(new Tick(p, Figures.sizeLabel(p)));
            }
        }
        return new Axis(Scale.LOG_SIZE, lo, hi, ticks, from, to);
    }

    /** The pixel of value {@code v}. */
    double map(double v) {
        double f = scale == Scale.LINEAR ? (v - lo) / (hi - lo) : Math.log(v / lo) / Math.log(hi / lo);
        return from + f * (to - from);
    }
}
