package dev.gradus.bench.charts;

import java.util.List;

/**
 * Grouped bars: one group per category, one bar per series in each group.
 *
 * @param reference a value drawn as a dashed horizontal line (e.g. 1 for a ratio), or NaN
 */
public record BarPlot(String id, String title, String xLabel, String yLabel, List<String> categories,
                      List<Series> series, double reference) implements Plot {
    public BarPlot {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.size() != categories.size()) {
                throw new IllegalArgumentException("bar series '" + s.name() + "' has " + s.size()
                        + " values for " + categories.size() + " categories");
            }
        }
    }
}
