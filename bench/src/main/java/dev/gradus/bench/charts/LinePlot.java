package dev.gradus.bench.charts;

import java.util.List;

/** Lines through points, one per series. */
public record LinePlot(String id, String title, String xLabel, String yLabel, Scale xScale, Scale yScale,
                       List<Series> series) implements Plot {
    public LinePlot {
        series = List.copyOf(series);
    }
}
