package dev.gradus.bench;

import dev.gradus.bench.output.Console;
import dev.gradus.bench.output.ReportFiles;
import dev.gradus.bench.race.Race;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.race.RaceSettings;
import dev.gradus.bench.results.Figures;
import dev.gradus.bench.results.LateStepResult;
import dev.gradus.bench.results.MachineFacts;
import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.StepResult;
import dev.gradus.bench.results.SwatsFloorResult;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.TransformResult;
import dev.gradus.kernel.Kernels;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark report ({@code mvn -B -Preport -DskipTests verify}): the convergence race on the
 * digits data, then in one JMH run the step benchmarks of every {@link BenchRules} rule and the
 * bandwidth probes (with SWATS, its index-order sums alone: {@link SwatsSumsBench}), the gradient transforms
 * ({@link NormBench}, unless {@code --no-transforms}), and (unless {@code --no-threads}) every rule's whole step on 1 and 2 threads,
 * the 2-thread probes and the multi-tensor Adam steps, then every rule's SIMD step at 64K late in a
 * run (from step 100,000), with progress; then text tables on the
 * console and {@code report.html}, CSV and JSON in the output directory. Arguments:
 * {@link ReportArgs#USAGE}; what quick and thorough cover: {@link Profile}.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        ReportArgs a;
        try {
            a = ReportArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        MachineFacts machine = MachineFacts.detect();
        List<String> notes = new ArrayList<>();
        List<String> kernels = new ArrayList<>(List.of("scalar", "vector"));
        Optional<String> noVector = Kernels.unavailableReason("vector");
        noVector.ifPresent(why -> {
            kernels.remove("vector");
            notes.add("The SIMD kernels cannot run here (" + why + "): scalar only.");
        });
        JmhRun jmh = new JmhRun(a.profile(), a.rules(), kernels, a.threads(), a.transforms());
        String coverage = a.bench()
                ? "Benchmarks: " + a.profile().describe(a.rules().size(), kernels) + "; " + jmh.stepForks() + " step forks + "
                + jmh.probeForks() + " probe forks" + transformCoverage(jmh) + floorCoverage(jmh) + threadCoverage(a, jmh) + lateCoverage(a, jmh) + "." + (a.profile() == Profile.QUICK
                ? " The quick profile covers 64K (in cache) and 16M (in DRAM) only; --thorough adds 4K and 1M and measures longer."
                : "")
                : "Benchmarks not run (--no-bench).";
        if (a.bench() && a.threads() && a.profile().threadSizes().isEmpty()) {
            notes.add("No size >= 64K: the thread benchmarks are skipped; the multi-tensor steps run.");
        }
        if (a.bench() && a.threads() && !a.profile().threadSizes().isEmpty() && jmh.threadRules().stream().anyMatch(r -> BenchRules.get(r) instanceof dev.gradus.rules.Swats)) {
            notes.add(ThreadBench.SWATS_NOTE);
        }
        if (a.bench() && !jmh.late()) {
            notes.add("The steps late in a run are not measured: they run the SIMD kernels at "
                    + Figures.sizeLabel(JmhRun.LATE_SIZE) + (noVector.isPresent() ? ", which cannot run here." : ", not among this run's sizes."));
        }
        if (a.bench() && a.threads() && machine.cores() < 2) {
            notes.add("Only " + machine.cores() + " processor: the 2-thread figures measure two threads sharing it.");
        }
        System.out.println("Gradus benchmark report, " + a.profile().name() + " profile");
        machine.asMap().forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println(coverage);
        notes.forEach(n -> System.out.println("Note: " + n));

        RaceResult race = null;
        if (a.race()) {
            System.out.println();
            System.out.println("Convergence race: " + a.rules().size() + " optimizer(s) × 2 models, " + a.raceEpochs()
                    + " epochs, then claims (a)–(c); kernels " + Kernels.selected().name());
            race = Race.run(RaceSettings.standard(a.rules(), a.raceEpochs()), Kernels.selected(), System.out::println);
        }
        List<StepResult> steps = List.of();
        List<ProbeResult> probes = List.of();
        List<SwatsFloorResult> swatsFloor = List.of();
        List<TransformResult> transforms = List.of();
        ThreadData threads = ThreadData.empty();
        List<LateStepResult> late = List.of();
        if (a.bench()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "JMH: %d forks, estimated %s (w = warm-up iteration, m = measured iteration)%n",
                    jmh.forks(), Progress.duration(jmh.forks() * a.profile().secondsPerFork()));
            JmhRun.Results r = jmh.run(System.out, a.out().resolve("jmh.log"));
            steps = r.steps();
            probes = r.probes();
            swatsFloor = r.swatsFloor();
            transforms = r.transforms();
            threads = r.threads();
            late = r.late();
        }
        ReportData data = new ReportData(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), a.profile().name(),
                coverage, machine, steps, probes, swatsFloor, transforms, threads, late, race, notes);
        Console.print(data, System.out);
        List<Path> written = ReportFiles.write(data, a.out());
        System.out.println();
        System.out.println("Wrote " + written.size() + " files; the report: " + a.out().resolve("report.html").toAbsolutePath());
    }

    /** " + 40 gradient-transform forks", or "; gradient transforms not run (--no-transforms)". */
    private static String transformCoverage(JmhRun jmh) {
        return jmh.transformForks() > 0 ? " + " + jmh.transformForks() + " gradient-transform forks"
                : "; gradient transforms not run (--no-transforms)";
    }

    /** " + 2 forks of SWATS's sums alone (the plain loop's chains)", or nothing without SWATS. */
    private static String floorCoverage(JmhRun jmh) {
        return jmh.swatsFloor() ? " + " + jmh.swatsFloorForks() + " fork(s) of SWATS's sums alone (the plain loop's chains)" : "";
    }

    /** "; late in a run: 2 rule(s) SIMD at 64K from step 100000 (4 forks)", or nothing when that pass does not run. */
    private static String lateCoverage(ReportArgs a, JmhRun jmh) {
        return jmh.late() ? String.format(Locale.ROOT, "; late in a run: %d rule(s) SIMD at %s from step %d (%d forks)",
                a.rules().size(), Figures.sizeLabel(JmhRun.LATE_SIZE), JmhRun.LATE_STEP, jmh.lateForks()) : "";
    }

    /** "; threads (SIMD kernels, native memory): 2 rule(s) × sizes 64K, 16M × 1, 2 threads (8 forks) + 4 two-thread probe forks + …". */
    private static String threadCoverage(ReportArgs a, JmhRun jmh) {
        if (!a.threads()) {
            return "; thread benchmarks not run (--no-threads)";
        }
        String sizes = String.join(", ", a.profile().threadSizes().stream().map(Figures::sizeLabel).toList());
        return String.format(Locale.ROOT, "; threads (%s kernels, native memory): %d rule(s) × sizes %s × %s threads (%d forks) "
                        + "+ %d two-thread probe forks + %d multi-tensor %s forks (layouts %s × %s threads)",
                Figures.kernelsLabel(jmh.threadKernels()), jmh.threadRules().size(), sizes.isEmpty() ? "none" : sizes,
                String.join(", ", JmhRun.THREADS), jmh.threadForks(), jmh.threadProbeForks(), jmh.multiTensorForks(),
                JmhRun.MULTI_TENSOR_RULE, String.join(", ", JmhRun.LAYOUTS), String.join(", ", JmhRun.THREADS));
    }
}
