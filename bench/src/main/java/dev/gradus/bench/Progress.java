package dev.gradus.bench;

import dev.gradus.bench.results.Figures;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;

/**
 * JMH's output as one progress line per fork on the console ({@code [12/112] step adam 64K SIMD
 * native ... 0.1234 ns/el  (1.9 s; about 3 min left)}; a thread step reads {@code step adam 16M 2T},
 * a multi-tensor step {@code multi adam 1000x1024 2T ... 552.4 µs/step}); everything else JMH
 * prints goes to a log file, whose tail is shown if a benchmark fails.
 */
final class Progress implements OutputFormat {

    private final int total;
    private final int forks;
    private final PrintStream console;
    private final PrintStream log;
    private final long start = System.nanoTime();
    private int done;
    private long forkStart;
    /** Measured iterations per fork. */
    private int perFork;
    private final java.util.List<Double> measured = new java.util.ArrayList<>();

    /** {@code total} benchmarks of {@code forks} forks each: a line per benchmark, its forks' iterations on it. */
    Progress(int total, int forks, PrintStream console, PrintStream log) {
        this.total = total;
        this.forks = forks;
        this.console = console;
        this.log = log;
    }

    static String describe(BenchmarkParams p) {
        String bench = p.getBenchmark();
        String type = bench.substring(0, bench.lastIndexOf('.'));
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        if (type.equals(StepBench.class.getName())) {
            long from = Long.parseLong(p.getParam("fromStep"));
            return "step  " + p.getParam("rule") + " " + size(p, "size") + " " + Figures.kernelsLabel(p.getParam("kernels"))
                    + " " + Figures.memoryLabel(p.getParam("memory")) + (from == StepBench.FIRST_STEP ? "" : " from " + from);
        }
        if (type.equals(NormBench.class.getName())) {
            return "grad  " + method + " " + size(p, "size") + " " + Figures.kernelsLabel(p.getParam("kernels"))
                    + " " + Figures.memoryLabel(p.getParam("memory"));
        }
        if (type.equals(SwatsSumsBench.class.getName())) {
            return "sums  swats " + size(p, "size") + " alone";
        }
        if (type.equals(ThreadBench.class.getName())) {
            return "step  " + p.getParam("threadRule") + " " + size(p, "elements") + " " + p.getParam("threads") + "T";
        }
        if (type.equals(ThreadProbeBench.class.getName())) {
            return "probe " + method + " " + size(p, "elements") + " " + p.getThreads() + "T";
        }
        if (type.equals(MultiTensorBench.class.getName())) {
            return "multi " + p.getParam("optimizer") + " " + p.getParam("layout") + " " + p.getParam("threads") + "T";
        }
        return "probe " + method + " " + size(p, "size") + " " + Figures.memoryLabel(p.getParam("memory"));
    }

    private static String size(BenchmarkParams p, String param) {
        return Figures.sizeLabel(Long.parseLong(p.getParam(param)));
    }

    /** The score as people read it: ns per element, or µs per step for a multi-tensor step. */
    static String score(BenchmarkParams p, double nsPerCall) {
        if (p.getBenchmark().startsWith(MultiTensorBench.class.getName() + ".")) {
            return String.format(Locale.ROOT, "%.1f µs/step", nsPerCall / 1000);
        }
        String param = p.getParam("size") != null ? "size" : "elements";
        return String.format(Locale.ROOT, "%.4f ns/el", nsPerCall / Long.parseLong(p.getParam(param)));
    }

    @Override
    public void startBenchmark(BenchmarkParams p) {
        forkStart = System.nanoTime();
        measured.clear();
        console.printf(Locale.ROOT, "[%3d/%d] %-40s ", done + 1, total, describe(p));
        console.flush();
        log.println("# " + describe(p));
    }

    @Override
    public void iteration(BenchmarkParams p, IterationParams ip, int iteration) {
    }

    @Override
    public void iterationResult(BenchmarkParams p, IterationParams ip, int iteration, IterationResult r) {
        boolean warmup = ip.getType() == org.openjdk.jmh.runner.IterationType.WARMUP;
        if (!warmup) {
            measured.add(r.getPrimaryResult().getScore());
            perFork = ip.getCount();
        }
        console.print(warmup ? "w" : "m");
        console.flush();
        log.println("  " + ip.getType() + " " + iteration + ": " + r.getPrimaryResult());
    }

    @Override
    public void endBenchmark(BenchmarkResult r) {
        done++;
        double forkSeconds = (System.nanoTime() - forkStart) / 1e9;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / done * (total - done);
        String score;
        if (r == null) {
            score = "FAILED (see the log)";
        } else {
            score = score(r.getParams(), forks > 1 ? median(r) : r.getPrimaryResult().getScore());
            double s = spread(measured.stream().mapToDouble(Double::doubleValue).toArray());
            if (s > dev.gradus.bench.results.Measured.UNSTEADY) {
                score += String.format(Locale.ROOT, " UNSTEADY (iterations differ %.1f×)", s);
            }
        }
        console.printf(Locale.ROOT, "  %s  (%.1f s; about %s left)%n", score, forkSeconds, duration(left));
        log.println("  => " + score);
    }

    /**
     * For the progress line, the median of the forks' plain means (the measured iterations come a fork
     * at a time); the report's figure, {@link JmhRun#score}, takes JMH's mean of each fork instead.
     */
    private double median(BenchmarkResult r) {
        if (perFork < 1 || measured.size() != perFork * forks) {
            return r.getPrimaryResult().getScore();
        }
        double[] means = new double[forks];
        for (int f = 0; f < forks; f++) {
            means[f] = measured.subList(f * perFork, (f + 1) * perFork).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        return JmhRun.median(means);
    }

    /** Largest ÷ smallest; NaN with fewer than two values. */
    static double spread(double[] scores) {
        if (scores.length < 2) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        return max / min;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        console.printf(Locale.ROOT, "benchmarks done: %d × %d fork(s) in %s%n", done, forks, duration((System.nanoTime() - start) / 1e9));
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    @Override
    public void close() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.println(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) {
        log.write(b, 0, b.length);
    }
}
