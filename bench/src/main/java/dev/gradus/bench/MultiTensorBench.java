package dev.gradus.bench;

import dev.gradus.Optimizer;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@link Optimizer#step()} over the same number of floats laid out as one parameter or as
 * many small ones: what registering a model tensor by tensor costs over one flat parameter.
 * Score: ns per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MultiTensorBench {

    /** {@code COUNTxLENGTH}: the number of parameters and the floats in each. */
    @Param({"1x1048576", "1000x1024", "16x65536"})
    public String layout;

    @Param({"adam"})
    public String rule;

    @Param({"vector", "scalar"})
    public String kernels;

    private Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = layout.split("x");
        int count = Integer.parseInt(parts[0]), length = Integer.parseInt(parts[1]);
        Rule r = BenchRules.get(rule);
        opt = Optimizer.builder(r).learningRate(BenchRules.learningRate(r)).kernels(Kernels.byName(kernels)).build();
        SplittableRandom random = new SplittableRandom(42);
        for (int p = 0; p < count; p++) {
            float[] w = new float[length], g = new float[length];
            for (int i = 0; i < length; i++) {
                w[i] = (float) random.nextGaussian();
                g[i] = (float) (random.nextGaussian() * 1e-2);
            }
            opt.register("p" + p, w, g);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opt.close();
    }

    @Benchmark
    public Object step() {
        return opt.step();
    }
}
