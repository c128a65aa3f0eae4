package dev.gradus.bench.output;

import dev.gradus.bench.Probe;
import dev.gradus.bench.Transform;
import dev.gradus.bench.charts.LinePlot;
import dev.gradus.bench.charts.Scale;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.race.ModelKind;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.race.RaceSettings;
import dev.gradus.bench.race.TrainingRun;
import dev.gradus.bench.results.LateStepResult;
import dev.gradus.bench.results.MachineFacts;
import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.StepResult;
import dev.gradus.bench.results.SwatsFloorResult;
import dev.gradus.bench.results.TransformResult;
import dev.gradus.bench.results.MultiTensorResult;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.ThreadProbeResult;
import dev.gradus.bench.results.ThreadResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A small made-up set of results: two rules, two sizes, both kernel sets and memory kinds, the
 * thread and multi-tensor benchmarks, the gradient transforms, the steps late in a run (Adam 1.4× faster late, SGD the
 * same), a race and claims.
 */
final class Synthetic {
    private Synthetic() {
    }

    static final List<String> RULES = List.of("sgd-momentum", "adam");
    static final List<Long> SIZES = List.of(65_536L, 16_777_216L);
    static final List<String> MEMORY = List.of("array", "native");

    static ReportData data() {
        List<StepResult> steps = new ArrayList<>();
        for (String rule : RULES) {
            for (long size : SIZES) {
                for (String memory : MEMORY) {
                    double base = (rule.equals("adam") ? 0.14 : 0.08) * (size > 1_000_000 ? 3 : 1) * (memory.equals("array") ? 1.3 : 1);
                    steps.add(new StepResult(rule, size, "scalar", memory, base * 1.2 * size, 0.01 * size, 1.02));
                    steps.add(new StepResult(rule, size, "vector", memory, base * size, 0.01 * size, rule.equals("adam") && size > 1_000_000 && memory.equals("array") ? 2.5 : 1.05));
                }
            }
        }
        List<ProbeResult> probes = new ArrayList<>();
        for (Probe p : Probe.values()) {
            for (long size : SIZES) {
                for (String memory : MEMORY) {
                    probes.add(new ProbeResult(p, size, memory, (size > 1_000_000 ? 0.4 : 0.1) * size, 1, 1.01));
                }
            }
        }
        MachineFacts machine = new MachineFacts("Synthetic CPU <&>", 2, "24 GB", "Linux", "25", "vector", 512, "");
        List<LateStepResult> late = new ArrayList<>();
        for (String rule : RULES) {
            for (String memory : MEMORY) {
                double early = (rule.equals("adam") ? 0.14 : 0.08) * (memory.equals("array") ? 1.3 : 1);
                late.add(new LateStepResult(rule, 65_536L, memory, 100_000, early / (rule.equals("adam") ? 1.4 : 1) * 65_536,
                        0.01 * 65_536, 1.03));
            }
        }
        return new ReportData("2026-11-21T12:00:00Z", "quick", "synthetic results", machine, steps, probes, List.of(), transforms(), threads(), late, race(),
                List.of("a note"));
    }

    /**
     * Every transform at both sizes, kernel sets and memory kinds: scalar 0.3 ns/element, SIMD 0.1, but the
     * clamp over {@code float[]} at 16M, where SIMD takes 0.33 (slower than scalar); the SIMD maxAbs at 16M native unsteady.
     */
    static List<TransformResult> transforms() {
        List<TransformResult> out = new ArrayList<>();
        for (Transform t : Transform.values()) {
            for (long size : SIZES) {
                for (String memory : MEMORY) {
                    double vector = t == Transform.CLAMP && size > 1_000_000 && memory.equals("array") ? 0.33 : 0.1;
                    out.add(new TransformResult(t, size, "scalar", memory, 0.3 * size, 0.01 * size, 1.02));
                    boolean unsteady = t == Transform.MAX_ABS && size > 1_000_000 && memory.equals("native");
                    out.add(new TransformResult(t, size, "vector", memory, vector * size, 0.01 * size, unsteady ? 1.9 : 1.02));
                }
            }
        }
        return out;
    }

    /**
     * {@link #data()} with SWATS's steps at both sizes and memory kinds (scalar 3.2, SIMD 1.0 ns/element on
     * native memory at 64K) and its sums alone (0.8 ns/element at 64K, 0.9 at 16M, unsteady).
     */
    static ReportData withSwatsFloor() {
        ReportData d = data();
        List<StepResult> steps = new ArrayList<>(d.steps());
        for (long size : SIZES) {
            for (String memory : MEMORY) {
                double vector = memory.equals("native") ? 1.0 : 1.1;
                steps.add(new StepResult("swats", size, "scalar", memory, 3.2 * size, 0.01 * size, 1.02));
                steps.add(new StepResult("swats", size, "vector", memory, vector * size, 0.01 * size, 1.02));
            }
        }
        List<SwatsFloorResult> floor = List.of(new SwatsFloorResult(65_536L, 0.8 * 65_536, 0.01 * 65_536, 1.01),
                new SwatsFloorResult(16_777_216L, 0.9 * 16_777_216, 0.01 * 16_777_216, 1.6));
        return new ReportData(d.generated(), d.profile(), d.coverage(), d.machine(), steps, d.probes(), floor, d.transforms(), d.threads(), d.late(),
                d.race(), d.notes());
    }

    /** Every rule and size on 1 and 2 threads (2 threads 1.6× faster), both probes on 2 threads, the six multi-tensor steps. */
    static ThreadData threads() {
        List<ThreadResult> steps = new ArrayList<>();
        for (String rule : RULES) {
            for (long size : SIZES) {
                double ns = (rule.equals("adam") ? 0.5 : 0.3) * (size > 1_000_000 ? 1 : 0.25);
                steps.add(new ThreadResult(rule, size, 1, ns * size, 0.01 * size, 1.02));
                steps.add(new ThreadResult(rule, size, 2, ns / 1.6 * size, 0.01 * size,
                        rule.equals("adam") && size > 1_000_000 ? 1.8 : 1.03));
            }
        }
        List<ThreadProbeResult> probes = new ArrayList<>();
        for (Probe p : Probe.values()) {
            for (long size : SIZES) {
                probes.add(new ThreadProbeResult(p, size, 2, (size > 1_000_000 ? 0.25 : 0.06) * size, 1, 1.01));
            }
        }
        List<MultiTensorResult> multi = new ArrayList<>();
        for (int threads = 1; threads <= 2; threads++) {
            multi.add(new MultiTensorResult("1x1048576", threads, 0.3 / threads * 1_048_576, 100, 1.01));
            multi.add(new MultiTensorResult("1000x1024", threads, 0.36 / threads * 1_024_000, 100, 1.01));
            multi.add(new MultiTensorResult("1000x1024/block", threads, 0.31 / threads * 1_024_000, 100, 1.01));
        }
        return new ThreadData(steps, probes, multi);
    }

    static RaceResult race() {
        RaceSettings s = RaceSettings.standard(RULES, 3);
        List<TrainingRun> runs = new ArrayList<>();
        for (ModelKind m : ModelKind.values()) {
            for (String rule : RULES) {
                double f = rule.equals("adam") ? 0.5 : 0.7;
                runs.add(new TrainingRun(rule, rule, 0.001, m, 1, new double[] {2.3, 2.3 * f, 2.3 * f * f, 2.3 * f * f * f},
                        new int[0], new double[0], 0.9, 0.85, 1_000_000, new long[] {400_000, 300_000, 300_000}, 135, List.of(new float[] {1, 2})));
            }
        }
        ClaimResult measured = new ClaimResult("a", "a measured claim", ClaimResult.Status.MEASURED, "setup",
                List.of(new LinePlot("claim-a-test", "claim chart", "step", "std", Scale.LINEAR, Scale.LINEAR,
                        List.of(new Series("one", new double[] {0, 5, 10}, new double[] {0, 0.1, 0.05}),
                                new Series("two", new double[] {0, 5, 10}, new double[] {0, 0.2, Double.NaN})))),
                new Table(List.of("x", "y"), List.of(List.of("1", "2"))), List.of("one is lower"));
        return new RaceResult(s, "vector", "synthetic data", runs, List.of(measured,
                ClaimResult.notAvailable("b", "claim b", "BenchRules has no 'adamod'"),
                ClaimResult.pending("c", "claim c", "Lookahead is not implemented")));
    }
}
