package dev.gradus.bench.charts;

import java.util.List;

/** A chart's data, independent of how it is drawn. */
public sealed interface Plot permits LinePlot, BarPlot {

    /** A short id, unique in the report (used in the HTML and the CSV). */
    String id();

    String title();

    String xLabel();

    String yLabel();

    List<Series> series();
}
