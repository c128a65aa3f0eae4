package dev.gradus.bench.charts;

/** How an axis maps values. */
public enum Scale {
    LINEAR,
    /** Logarithmic, ticks at powers of ten. */
    LOG,
    /** Logarithmic for element counts, ticks at powers of four labelled 4K, 64K, 1M, … */
    LOG_SIZE
}
