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
 * @param swatsFloor SWATS's index-order sums alone (empty when SWATS was not measured)
 * @param transforms the gradient transforms (empty when not run)
 * @param threads   the thread and multi-tensor benchmarks (empty when not run)
 * @param late      the SIMD steps late in a run (empty when not run)
 * @param race      the convergence race, or null when it was not run
 * @param notes     anything the reader must know (skipped parts, fallbacks)
 */
public record ReportData(String generated, String profile, String coverage, MachineFacts machine,
                         List<StepResult> steps, List<ProbeResult> probes, List<SwatsFloorResult> swatsFloor,
                         List<TransformResult> transforms, ThreadData threads, List<LateStepResult> late,
                         RaceResult race, List<String> notes) {
    public ReportData {
        steps = List.copyOf(steps);
        threads = threads == null ? ThreadData.empty() : threads;
        probes = List.copyOf(probes);
        swatsFloor = List.copyOf(swatsFloor);
        transforms = List.copyOf(transforms);
        late = List.copyOf(late);
        notes = List.copyOf(notes);
    }

    public List<StepRow> rows() {
        return Figures.rows(steps, probes);
    }

    /** The transforms, scalar beside SIMD. */
    public List<TransformRow> transformRows() {
        return TransformRow.of(transforms);
    }

    /** SWATS's steps beside the floor its sums set. */
    public List<SwatsFloorRow> swatsFloorRows() {
        return SwatsFloorRow.of(swatsFloor, rows());
    }

    /** The thread figures per rule and size, against the 1- and 2-thread rooflines. */
    public List<ScalingRow> scalingRows() {
        return ScalingFigures.rows(threads, probes);
    }

    /** The late steps beside the same SIMD steps from step 10. */
    public List<LateRow> lateRows() {
        return LateRow.of(late, steps);
    }

    public Optional<RaceResult> raceResult() {
        return Optional.ofNullable(race);
    }
}
