package dev.gradus.bench;

import dev.gradus.Optimizer;
import dev.gradus.ParameterLayout;
import dev.gradus.StepPool;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Rule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@link Optimizer#step()} over about a million floats laid out as one parameter or as
 * many small ones: what registering a model tensor by tensor costs over one flat parameter
 * ({@code 1000x1024} is 1,024,000 floats, 2.3% fewer than {@code 1x1048576}: compare per element).
 * {@code COUNTxLENGTH} registers {@code COUNT} separate {@code float[]} parameters;
 * {@code COUNTxLENGTH/block} registers them as one heap block of a {@link ParameterLayout}, each
 * parameter a view of it. {@code threads}: 1 is single-threaded, more is a {@link StepPool} of that
 * size with the default threshold. {@code optimizer} and {@code kernelSet} are named apart from
 * {@link StepBench}'s {@code rule} and {@code kernels} so that the report's lists for those do not
 * multiply these forks: the report runs Adam with the {@code vector} kernels (scalar where they
 * cannot run). Warm-up by count first: {@link StepWarmup}. Score: ns per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow",
        "-XX:-BackgroundCompilation"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MultiTensorBench {

    /** {@code COUNTxLENGTH}: the number of parameters and the floats in each. */
    @Param({"1x1048576", "1000x1024", "1000x1024/block"})
    public String layout;

    @Param({"1", "2"})
    public int threads;

    @Param({"adam"})
    public String optimizer;

    @Param({"vector"})
    public String kernelSet;

    /** The step the benchmark's steps are held at and cycle from ({@link HeldSteps}). */
    @Param({"10"})
    public long fromStep = StepBench.FIRST_STEP;

    private Optimizer opt;
    private StepPool pool;

    @Setup(Level.Trial)
    public void setUp() {
        boolean block = layout.endsWith("/block");
        String[] parts = layout.replace("/block", "").split("x");
        int count = Integer.parseInt(parts[0]), length = Integer.parseInt(parts[1]);
        if (threads > 1) {
            pool = StepPool.create(threads);
        }
        StepWarmup.run(n -> warmup(builder(false), n), pool == null ? null : n -> warmup(builder(true).parallelThreshold(0), n));
        opt = builder(pool != null).build();
        SplittableRandom random = new SplittableRandom(42);
        ParameterLayout.Builder lb = ParameterLayout.builder();
        for (int p = 0; p < count; p++) {
            lb.add("p" + p, length);
        }
        ParameterLayout lay = lb.build();
        float[] values = new float[Math.toIntExact(lay.size())], grads = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            grads[i] = (float) (random.nextGaussian() * 1e-2);
        }
        if (block) {
            opt.register(lay, values, grads);
            return;
        }
        for (int p = 0; p < count; p++) {
            int from = p * length;
            opt.register("p" + p, Arrays.copyOfRange(values, from, from + length), Arrays.copyOfRange(grads, from, from + length));
        }
    }

    /** This benchmark's optimizer settings: single-threaded, or the pool with the default threshold. */
    private Optimizer.Builder<Rule> builder(boolean pooled) {
        Rule r = new HeldSteps(BenchRules.get(optimizer), fromStep);
        Optimizer.Builder<Rule> b = Optimizer.builder(r).learningRate(BenchRules.learningRate(r)).kernels(Kernels.byName(kernelSet));
        return pooled ? b.pool(pool) : b.singleThreaded();
    }

    /** An optimizer of {@code b} over one float[] parameter of {@code n} elements, for {@link StepWarmup}. */
    private static Optimizer warmup(Optimizer.Builder<Rule> b, int n) {
        Optimizer o = b.build();
        float[] g = new float[n];
        Arrays.fill(g, 1e-2f);
        o.register("w", new float[n], g);
        return o;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opt.close();
        if (pool != null) {
            pool.close();
        }
    }

    @Benchmark
    public Object step() {
        return opt.step();
    }
}
