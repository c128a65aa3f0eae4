package dev.gradus.bench.charts;

import java.util.List;

/** A table for people (HTML, console) and machines (CSV): a header row and rows of cells. */
public record Table(List<String> header, List<List<String>> rows) {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, header has " + header.size());
            }
        }
    }

    public static Table empty() {
        return new Table(List.of(), List.of());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
