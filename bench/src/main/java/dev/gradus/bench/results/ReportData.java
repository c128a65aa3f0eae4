package dev.gradus.bench.results;

import dev.gradus.bench.race.RaceResult;

import java.util.List;
import java.util.Optional;

/**
 * Everything the report shows, as measured: the input of every output (console, HTML, CSV, JSON).
 *
 * @param generated when (ISO-8601)
 * @param profile   "quick" or "thorough"
 * @param coverage  what this run measured, in words (rules, sizes, memory kinds, iterations)
 * @param machine   what it ran on
 * @param steps     the step benchmarks
 * @param probes    the bandwidth probes
 * @param race      the convergence race, or null when it was not run
 * @param notes     anything the reader must know (skipped parts, fallbacks)
 */
public record ReportData(String generated, String profile, String coverage, MachineFacts machine,
                         List<StepResult> steps, List<ProbeResult> probes, RaceResult race, List<String> notes) {
    public ReportData {
        steps = List.copyOf(steps);
        probes = List.copyOf(probes);
        notes = List.copyOf(notes);
    }

    public List<StepRow> rows() {
        return Figures.rows(steps, probes);
    }

    public Optional<RaceResult> raceResult() {
        return Optional.ofNullable(race);
    }
}
