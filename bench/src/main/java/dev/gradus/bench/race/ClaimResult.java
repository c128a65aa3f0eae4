package dev.gradus.bench.race;

import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Table;

import java.util.List;

/**
 * The outcome of checking one claim from the papers.
 *
 * @param id       "a", "b", "c"
 * @param title    the claim, as the papers make it
 * @param status   measured, or why not
 * @param setup    how it was measured (or what is missing)
 * @param plots    charts of the measurement
 * @param table    the numbers
 * @param findings what the numbers show, each sentence computed from them
 */
public record ClaimResult(String id, String title, Status status, String setup, List<Plot> plots, Table table,
                          List<String> findings) {

    public enum Status {
        MEASURED, NOT_AVAILABLE, PENDING
    }

    public ClaimResult {
        plots = List.copyOf(plots);
        findings = List.copyOf(findings);
    }

    /** A claim that cannot be measured in this build because a rule it needs is absent. */
    public static ClaimResult notAvailable(String id, String title, String reason) {
        return new ClaimResult(id, title, Status.NOT_AVAILABLE, reason, List.of(), Table.empty(),
                List.of("not available: " + reason));
    }

    /** A claim whose implementation is still missing. */
    public static ClaimResult pending(String id, String title, String reason) {
        return new ClaimResult(id, title, Status.PENDING, reason, List.of(), Table.empty(), List.of("pending: " + reason));
    }
}
