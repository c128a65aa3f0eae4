package dev.gradus.bench;

import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.StepResult;
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
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs {@link StepBench} and {@link ProbeBench} through JMH's API in one run: one fork per
 * parameter combination (JMH forks each combination separately; {@code forks = 1}), the heap fixed
 * by the benchmarks' {@code @Fork} flags.
 */
final class JmhRun {

    record Results(List<StepResult> steps, List<ProbeResult> probes) {
    }

    private final Profile profile;
    private final List<String> rules;
    private final List<String> kernels;

    JmhRun(Profile profile, List<String> rules, List<String> kernels) {
        this.profile = profile;
        this.rules = List.copyOf(rules);
        this.kernels = List.copyOf(kernels);
    }

    int stepForks() {
        return rules.size() * profile.sizes().size() * kernels.size() * profile.memory().size();
    }

    int probeForks() {
        return Probe.values().length * profile.sizes().size() * profile.memory().size();
    }

    int forks() {
        return stepForks() + probeForks();
    }

    ChainedOptionsBuilder options() {
        String[] sizes = profile.sizes().stream().map(String::valueOf).toArray(String[]::new);
        return new OptionsBuilder()
                .include("^" + Pattern.quote(StepBench.class.getName() + ".step") + "$")
                .include("^" + Pattern.quote(ProbeBench.class.getName() + ".") + "\\w+$")
                .param("rule", rules.toArray(String[]::new))
                .param("size", sizes)
                .param("memory", profile.memory().toArray(String[]::new))
                .param("kernels", kernels.toArray(String[]::new))
                .forks(1)
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(profile.measurementMillis()))
                .shouldFailOnError(true);
    }

    Results run(PrintStream console, Path logFile) throws RunnerException, IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Collection<RunResult> results;
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            try {
                results = new Runner(options().build(), new Progress(forks(), console, log)).run();
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
        for (RunResult r : results) {
            var p = r.getParams();
            long size = Long.parseLong(p.getParam("size"));
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            double spread = spread(r);
            if (p.getBenchmark().startsWith(StepBench.class.getName())) {
                steps.add(new StepResult(p.getParam("rule"), size, p.getParam("kernels"), p.getParam("memory"), score, error, spread));
            } else {
                String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
                Probe probe = Probe.byMethod(method).orElseThrow(() -> new IllegalStateException("unknown probe " + method));
                probes.add(new ProbeResult(probe, size, p.getParam("memory"), score, error, spread));
            }
        }
        return new Results(steps, probes);
    }

    /** Slowest ÷ fastest measured iteration of a result; NaN with fewer than two. */
    static double spread(RunResult r) {
        double[] scores = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
        return Progress.spread(scores);
    }
}
