package dev.gradus.bench;

import dev.gradus.bench.results.LateStepResult;
import dev.gradus.bench.results.MultiTensorResult;
import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.StepResult;
import dev.gradus.bench.results.SwatsFloorResult;
import dev.gradus.bench.results.SwatsFloorRow;
import dev.gradus.bench.results.ThreadData;
import dev.gradus.bench.results.ThreadProbeResult;
import dev.gradus.bench.results.ThreadResult;
import dev.gradus.bench.results.TransformResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs {@link StepBench} and {@link ProbeBench} (with SWATS, {@link SwatsSumsBench}: its sums in the plain loop), and unless told not to
 * the gradient transforms of {@link NormBench} ({@link Transform}), {@link ThreadBench},
 * {@link ThreadProbeBench} and {@link MultiTensorBench}, through JMH's API in one run, then the SIMD
 * {@link StepBench} late in a run ({@link #LATE_STEP}, at {@link #LATE_SIZE}) in a second: one fork per
 * parameter combination (JMH forks each combination separately), or {@link Profile#forks()} of them,
 * each figure then the median of the forks' means (one slow JVM moves it less than JMH's mean over
 * every iteration of every fork would), the heap fixed
 * by the benchmarks' {@code @Fork} flags. JMH gives a parameter's values to every included
 * benchmark that has a parameter of that name, so the thread benchmarks name theirs apart
 * ({@code elements}, {@code kernelSet}, {@code optimizer}) where they need other lists.
 */
final class JmhRun {

    record Results(List<StepResult> steps, List<ProbeResult> probes, List<SwatsFloorResult> swatsFloor,
                   List<TransformResult> transforms, ThreadData threads, List<LateStepResult> late) {
    }

    /**
     * The first step of the late cycle: past 16,628, where ⟨bc2s⟩ = (float) √(1 − 0.999^t) has rounded to 1
     * (and NAdam's ⟨bc2⟩ from 17,321), so the Adam family's SIMD kernels leave that division out.
     */
    static final long LATE_STEP = 100_000;
    /** The size of the late steps: in cache, where the arithmetic shows. */
    static final long LATE_SIZE = 65_536;

    /** Thread counts of the thread and multi-tensor benchmarks. */
    static final List<String> THREADS = List.of("1", "2");
    /** Layouts of {@link MultiTensorBench}: one flat parameter, 1000 separate arrays, 1000 views of one block. */
    static final List<String> LAYOUTS = List.of(MultiTensorResult.FLAT, "1000x1024", "1000x1024/block");
    /** The rule of {@link MultiTensorBench}. */
    static final String MULTI_TENSOR_RULE = "adam";

    private final Profile profile;
    private final List<String> rules;
    private final List<String> kernels;
    private final boolean threads;
    private final boolean transforms;

    /** The runs of a report over {@code rules} and {@code kernels}; the thread and transform benchmarks as asked. */
    JmhRun(Profile profile, List<String> rules, List<String> kernels, boolean threads, boolean transforms) {
        this.profile = profile;
        this.rules = List.copyOf(rules);
        this.kernels = List.copyOf(kernels);
        this.threads = threads;
        this.transforms = transforms;
    }

    /** The kernels of the thread benchmarks: the SIMD ones where they run, else the scalar reference. */
    String threadKernels() {
        return kernels.contains("vector") ? "vector" : "scalar";
    }

    int stepForks() {
        return rules.size() * profile.sizes().size() * kernels.size() * profile.memory().size() * profile.forks();
    }

    int probeForks() {
        return Probe.values().length * profile.sizes().size() * profile.memory().size() * profile.forks();
    }

    /** {@link NormBench}: every {@link Transform} at every size, kernel set and memory kind, unless left out. */
    int transformForks() {
        return transforms ? Transform.values().length * profile.sizes().size() * kernels.size() * profile.memory().size()
                * profile.forks() : 0;
    }

    /** Whether {@link SwatsSumsBench} runs: SWATS with its default sums is among the rules. */
    boolean swatsFloor() {
        return rules.contains(SwatsFloorRow.RULE);
    }

    /** {@link SwatsSumsBench}: at every size of the profile, when {@link #swatsFloor()}. */
    int swatsFloorForks() {
        return swatsFloor() ? profile.sizes().size() * profile.forks() : 0;
    }

    /** The rules of {@link ThreadBench}: every rule of the run (SWATS held in its Adam phase, see {@link HeldSteps}). */
    List<String> threadRules() {
        return rules;
    }

    /** {@link ThreadBench}: every {@link #threadRules() thread rule} at every {@link Profile#threadSizes()} on 1 and 2 threads. */
    int threadForks() {
        return threads ? threadRules().size() * profile.threadSizes().size() * THREADS.size() * profile.forks() : 0;
    }

    /** {@link ThreadProbeBench}: every probe at every {@link Profile#threadSizes()}. */
    int threadProbeForks() {
        return threads ? Probe.values().length * profile.threadSizes().size() * profile.forks() : 0;
    }

    /** {@link MultiTensorBench}: every layout on 1 and 2 threads. */
    int multiTensorForks() {
        return threads ? LAYOUTS.size() * THREADS.size() * profile.forks() : 0;
    }

    /** Whether the late pass runs: the SIMD kernels run here and the profile measures {@link #LATE_SIZE}. */
    boolean late() {
        return kernels.contains("vector") && profile.sizes().contains(LATE_SIZE);
    }

    /** The late pass: every rule on each memory kind, SIMD, at {@link #LATE_SIZE}. */
    int lateForks() {
        return late() ? rules.size() * profile.memory().size() * profile.forks() : 0;
    }

    /** JVMs started: every benchmark's forks. */
    int forks() {
        return stepForks() + probeForks() + swatsFloorForks() + transformForks() + threadForks() + threadProbeForks() + multiTensorForks() + lateForks();
    }

    /** Benchmarks (parameter combinations), each of {@link Profile#forks()} forks: the progress lines. */
    int benchmarks() {
        return forks() / profile.forks();
    }

    /** The late pass's options: {@link StepBench} alone, so that {@code fromStep} reaches no other benchmark. */
    ChainedOptionsBuilder lateOptions() {
        return timing(new OptionsBuilder()
                .include("^" + Pattern.quote(StepBench.class.getName() + ".step") + "$")
                .param("rule", rules.toArray(String[]::new))
                .param("size", Long.toString(LATE_SIZE))
                .param("memory", profile.memory().toArray(String[]::new))
                .param("kernels", "vector")
                .param("fromStep", Long.toString(LATE_STEP)));
    }

    ChainedOptionsBuilder options() {
        String[] sizes = profile.sizes().stream().map(String::valueOf).toArray(String[]::new);
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(StepBench.class.getName() + ".step") + "$")
                .include("^" + Pattern.quote(ProbeBench.class.getName() + ".") + "\\w+$")
                .param("rule", rules.toArray(String[]::new))
                .param("size", sizes)
                .param("memory", profile.memory().toArray(String[]::new))
                .param("kernels", kernels.toArray(String[]::new));
        if (transforms) {
            o.include("^" + Pattern.quote(NormBench.class.getName() + ".") + "("
                    + String.join("|", Arrays.stream(Transform.values()).map(Transform::method).toList()) + ")$");
        }
        if (swatsFloor()) {
            o.include("^" + Pattern.quote(SwatsSumsBench.class.getName() + ".indexOrder") + "$");
        }
        if (threads) {
            if (!profile.threadSizes().isEmpty()) {
                o.include("^" + Pattern.quote(ThreadProbeBench.class.getName() + ".") + "\\w+$")
                        .param("elements", profile.threadSizes().stream().map(String::valueOf).toArray(String[]::new));
                List<String> threadRules = threadRules();
                if (!threadRules.isEmpty()) {
                    o.include("^" + Pattern.quote(ThreadBench.class.getName() + ".step") + "$")
                            .param("threadRule", threadRules.toArray(String[]::new));
                }
            }
            o.include("^" + Pattern.quote(MultiTensorBench.class.getName() + ".step") + "$")
                    .param("threads", THREADS.toArray(String[]::new))
                    .param("kernelSet", threadKernels())
                    .param("layout", LAYOUTS.toArray(String[]::new))
                    .param("optimizer", MULTI_TENSOR_RULE);
        }
        return timing(o);
    }

    private ChainedOptionsBuilder timing(ChainedOptionsBuilder o) {
        return o.forks(profile.forks())
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(profile.measurementMillis()))
                .shouldFailOnError(true);
    }

    Results run(PrintStream console, Path logFile) throws RunnerException, IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Collection<RunResult> results = new ArrayList<>();
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            try {
                Progress progress = new Progress(benchmarks(), profile.forks(), console, log);
                results.addAll(new Runner(options().build(), progress).run());
                if (late()) {
                    console.println("Late in a run: the SIMD steps from step " + LATE_STEP + " (" + lateForks() + " forks)");
                    results.addAll(new Runner(lateOptions().build(), progress).run());
                }
            } catch (RunnerException e) {
                log.flush();
                console.println();
                console.println("A benchmark failed; the end of JMH's log (" + logFile + "):");
                List<String> lines = Files.readAllLines(logFile);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> console.println("  " + l));
                throw e;
            }
        }
        List<StepResult> steps = new ArrayList<>();
        List<ProbeResult> probes = new ArrayList<>();
        List<ThreadResult> threadSteps = new ArrayList<>();
        List<ThreadProbeResult> threadProbes = new ArrayList<>();
        List<MultiTensorResult> multiTensor = new ArrayList<>();
        List<LateStepResult> late = new ArrayList<>();
        List<SwatsFloorResult> swatsFloor = new ArrayList<>();
        List<TransformResult> transformResults = new ArrayList<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String bench = p.getBenchmark();
            String type = bench.substring(0, bench.lastIndexOf('.'));
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            double score = score(r);
            double error = r.getPrimaryResult().getScoreError();
            double spread = spread(r);
            if (type.equals(StepBench.class.getName()) && Long.parseLong(p.getParam("fromStep")) != StepBench.FIRST_STEP) {
                late.add(new LateStepResult(p.getParam("rule"), Long.parseLong(p.getParam("size")), p.getParam("memory"),
                        Long.parseLong(p.getParam("fromStep")), score, error, spread));
            } else if (type.equals(StepBench.class.getName())) {
                steps.add(new StepResult(p.getParam("rule"), Long.parseLong(p.getParam("size")), p.getParam("kernels"),
                        p.getParam("memory"), score, error, spread));
            } else if (type.equals(ProbeBench.class.getName())) {
                probes.add(new ProbeResult(probe(method), Long.parseLong(p.getParam("size")), p.getParam("memory"), score, error,
                        spread));
            } else if (type.equals(NormBench.class.getName())) {
                Transform t = Transform.byMethod(method).orElseThrow(() -> new IllegalStateException("unknown transform " + method));
                transformResults.add(new TransformResult(t, Long.parseLong(p.getParam("size")), p.getParam("kernels"),
                        p.getParam("memory"), score, error, spread));
            } else if (type.equals(SwatsSumsBench.class.getName())) {
                swatsFloor.add(new SwatsFloorResult(Long.parseLong(p.getParam("size")), score, error, spread));
            } else if (type.equals(ThreadBench.class.getName())) {
                threadSteps.add(new ThreadResult(p.getParam("threadRule"), Long.parseLong(p.getParam("elements")),
                        Integer.parseInt(p.getParam("threads")), score, error, spread));
            } else if (type.equals(ThreadProbeBench.class.getName())) {
                threadProbes.add(new ThreadProbeResult(probe(method), Long.parseLong(p.getParam("elements")), p.getThreads(),
                        score, error, spread));
            } else if (type.equals(MultiTensorBench.class.getName())) {
                multiTensor.add(new MultiTensorResult(p.getParam("layout"), Integer.parseInt(p.getParam("threads")), score, error,
                        spread));
            } else {
                throw new IllegalStateException("unexpected benchmark " + bench);
            }
        }
        return new Results(steps, probes, swatsFloor, transformResults, new ThreadData(threadSteps, threadProbes, multiTensor), late);
    }

    private static Probe probe(String method) {
        return Probe.byMethod(method).orElseThrow(() -> new IllegalStateException("unknown probe " + method));
    }

    /** The score of one fork, or the median of the forks' scores (the mean of the middle two for an even count). */
    static double score(RunResult r) {
        double[] forks = r.getBenchmarkResults().stream().mapToDouble(b -> b.getPrimaryResult().getScore()).toArray();
        return forks.length == 0 ? r.getPrimaryResult().getScore() : median(forks);
    }

    /** The middle value, or the mean of the middle two for an even count; {@code values} is not changed. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values: expected at least one, got none");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** Slowest ÷ fastest measured iteration of a result, over every fork; NaN with fewer than two. */
    static double spread(RunResult r) {
        double[] scores = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
        return Progress.spread(scores);
    }
}
