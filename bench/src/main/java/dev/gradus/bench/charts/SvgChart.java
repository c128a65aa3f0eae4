package dev.gradus.bench.charts;

import java.util.List;

import static dev.gradus.bench.charts.Xml.esc;
import static dev.gradus.bench.charts.Xml.px;

/**
 * Draws a {@link Plot} as standalone SVG markup (well-formed XML, no scripts, no external
 * resources). Each series is a {@code <g class="series" data-series="…">} holding its polyline and
 * one circle (or bar) per point, so tests and readers can find every series' data.
 */
public final class SvgChart {
    private SvgChart() {
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 400;
    private static final int LEFT = 72;
    private static final int RIGHT_LEGEND = 200;
    private static final int TOP = 36;
    private static final int BOTTOM = 56;

    /** Distinct colours, then the same colours again dashed. */
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#7f7f7f", "#bcbd22", "#393b79", "#ad494a", "#637939", "#e6550d", "#843c39", "#3182bd"};

    public static String render(Plot plot) {
        return switch (plot) {
            case LinePlot l -> line(l);
            case BarPlot b -> bars(b);
        };
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private static boolean dashed(Series s, int i) {
        return s.dashed() || i >= COLOURS.length;
    }

    private static StringBuilder open(Plot plot, int width) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" font-family=\"sans-serif\" id=\"").append(esc(plot.id()))
                .append("\" width=\"").append(width).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(esc(plot.title())).append("\">\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n");
        b.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"22\" font-size=\"15\" font-weight=\"bold\">")
                .append(esc(plot.title())).append("</text>\n");
        return b;
    }

    private static void axes(StringBuilder b, Axis x, Axis y, String xLabel, String yLabel, int right, boolean xTicks) {
        int bottom = HEIGHT - BOTTOM;
        for (Axis.Tick t : y.ticks) {
            double py = y.map(t.value());
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(right).append("\" y1=\"").append(px(py))
                    .append("\" y2=\"").append(px(py)).append("\" stroke=\"#e4e4e4\"/>\n");
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(px(py + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\">").append(esc(t.label())).append("</text>\n");
        }
        if (xTicks) {
            for (Axis.Tick t : x.ticks) {
                double pxv = x.map(t.value());
                b.append("<line x1=\"").append(px(pxv)).append("\" x2=\"").append(px(pxv)).append("\" y1=\"").append(TOP)
                        .append("\" y2=\"").append(bottom).append("\" stroke=\"#f0f0f0\"/>\n");
                b.append("<text x=\"").append(px(pxv)).append("\" y=\"").append(bottom + 16)
                        .append("\" font-size=\"11\" text-anchor=\"middle\">").append(esc(t.label())).append("</text>\n");
            }
        }
        b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(right).append("\" y1=\"").append(bottom)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333333\"/>\n");
        b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333333\"/>\n");
        b.append("<text x=\"").append((LEFT + right) / 2).append("\" y=\"").append(HEIGHT - 12)
                .append("\" font-size=\"12\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>\n");
        int midY = (TOP + bottom) / 2;
        b.append("<text x=\"16\" y=\"").append(midY).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(midY).append(")\">").append(esc(yLabel)).append("</text>\n");
    }

    private static void legend(StringBuilder b, List<Series> series, int x, int[] drawn) {
        int y = TOP + 4;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            b.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 22).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour(i)).append("\" stroke-width=\"3\"")
                    .append(dashed(s, i) ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            String label = s.name() + (drawn[i] == 0 ? " (no data)" : "");
            b.append("<text x=\"").append(x + 28).append("\" y=\"").append(y + 4).append("\" font-size=\"11\">")
                    .append(esc(label)).append("</text>\n");
            y += 17;
        }
    }

    private static String line(LinePlot p) {
        int right = WIDTH - RIGHT_LEGEND;
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : p.series()) {
            double[] xs = s.x(), ys = s.y();
            for (int i = 0; i < xs.length; i++) {
                if (Axis.drawable(p.xScale(), xs[i]) && Axis.drawable(p.yScale(), ys[i])) {
                    xMin = Math.min(xMin, xs[i]);
                    xMax = Math.max(xMax, xs[i]);
                    yMin = Math.min(yMin, ys[i]);
                    yMax = Math.max(yMax, ys[i]);
                }
            }
        }
        Axis x = Axis.of(p.xScale(), xMin, xMax, false, LEFT, right);
        Axis y = Axis.of(p.yScale(), yMin, yMax, false, HEIGHT - BOTTOM, TOP);
        StringBuilder b = open(p, WIDTH);
        axes(b, x, y, p.xLabel(), p.yLabel(), right, true);
        int[] drawn = new int[p.series().size()];
        for (int i = 0; i < p.series().size(); i++) {
            Series s = p.series().get(i);
            double[] xs = s.x(), ys = s.y();
            StringBuilder points = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int j = 0; j < xs.length; j++) {
                if (!Axis.drawable(p.xScale(), xs[j]) || !Axis.drawable(p.yScale(), ys[j])) {
                    continue;
                }
                String cx = px(x.map(xs[j])), cy = px(y.map(ys[j]));
                points.append(points.isEmpty() ? "" : " ").append(cx).append(',').append(cy);
                marks.append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"")
                        .append(xs.length > 60 ? "1.5" : "3").append("\" fill=\"").append(colour(i)).append("\"><title>")
                        .append(esc(s.name() + ": " + Xml.num(xs[j]) + ", " + Xml.num(ys[j]))).append("</title></circle>\n");
                drawn[i]++;
            }
            b.append("<g class=\"series\" data-series=\"").append(esc(s.name())).append("\">\n");
            if (drawn[i] > 0) {
                b.append("<polyline fill=\"none\" stroke=\"").append(colour(i)).append("\" stroke-width=\"2\"")
                        .append(dashed(s, i) ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(points).append("\"/>\n");
                b.append(marks);
            }
            b.append("</g>\n");
        }
        legend(b, p.series(), right + 14, drawn);
        return b.append("</svg>\n").toString();
    }

    private static String bars(BarPlot p) {
        int groups = p.categories().size();
        int n = Math.max(1, p.series().size());
        int width = Math.max(WIDTH, LEFT + RIGHT_LEGEND + groups * (n * 7 + 14));
        int right = width - RIGHT_LEGEND;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : p.series()) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (Double.isFinite(p.reference())) {
            yMin = Math.min(yMin, p.reference());
            yMax = Math.max(yMax, p.reference());
        }
        Axis y = Axis.of(Scale.LINEAR, yMin, yMax, true, HEIGHT - BOTTOM, TOP);
        Axis x = Axis.of(Scale.LINEAR, 0, Math.max(1, groups), false, LEFT, right);
        StringBuilder b = open(p, width);
        axes(b, x, y, p.xLabel(), p.yLabel(), right, false);
        double slot = (right - LEFT) / (double) Math.max(1, groups);
        double barW = Math.max(2, (slot - 10) / n);
        int bottom = HEIGHT - BOTTOM;
        for (int g = 0; g < groups; g++) {
            b.append("<text x=\"").append(px(LEFT + slot * (g + 0.5))).append("\" y=\"").append(bottom + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(esc(p.categories().get(g))).append("</text>\n");
        }
        int[] drawn = new int[p.series().size()];
        double zero = y.map(0);
        for (int i = 0; i < p.series().size(); i++) {
            Series s = p.series().get(i);
            double[] ys = s.y();
            b.append("<g class=\"series\" data-series=\"").append(esc(s.name())).append("\">\n");
            for (int g = 0; g < ys.length; g++) {
                if (!Double.isFinite(ys[g])) {
                    continue;
                }
                double top = y.map(ys[g]);
                double bx = LEFT + slot * g + 5 + i * barW;
                b.append("<rect x=\"").append(px(bx)).append("\" y=\"").append(px(Math.min(top, zero)))
                        .append("\" width=\"").append(px(Math.max(1, barW - 1))).append("\" height=\"")
                        .append(px(Math.abs(zero - top))).append("\" fill=\"").append(colour(i)).append("\"><title>")
                        .append(esc(s.name() + ", " + p.categories().get(g) + ": " + Xml.num(ys[g]))).append("</title></rect>\n");
                drawn[i]++;
            }
            b.append("</g>\n");
        }
        if (Double.isFinite(p.reference())) {
            double ry = y.map(p.reference());
            b.append("<line class=\"reference\" x1=\"").append(LEFT).append("\" x2=\"").append(right).append("\" y1=\"")
                    .append(px(ry)).append("\" y2=\"").append(px(ry)).append("\" stroke=\"#000000\" stroke-dasharray=\"5 4\"/>\n");
        }
        legend(b, p.series(), right + 14, drawn);
        return b.append("</svg>\n").toString();
    }
}
