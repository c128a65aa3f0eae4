package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Adam kernel called directly, without an {@link dev.gradus.Optimizer}, over the layouts of
 * {@link MultiTensorBench}: {@code COUNTxLENGTH} separate {@code float[]} parameters, each with its
 * gradient and state arrays allocated beside it, as registration lays them out. What a step over
 * many small arrays costs in the kernels and the memory alone. Not part of the report:
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar KernelCallsBench}.
 * Score: ns per pass over all parameters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelCallsBench {

    @Param({"1x1048576", "1000x1024"})
    public String layout;

    private UpdateKernels k;
    private ParamBuffers[] params;
    private StepPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = layout.split("x");
        int count = Integer.parseInt(parts[0]), length = Integer.parseInt(parts[1]);
        Rule r = BenchRules.get("adam");
        k = Kernels.byName("vector");
        double lr = BenchRules.learningRate(r);
        plan = r.plan(new StepContext(10, lr, lr, r.initialScalars().clone()));
        SplittableRandom random = new SplittableRandom(42);
        params = new ParamBuffers[count];
        for (int p = 0; p < count; p++) {
            float[] w = new float[length], g = new float[length];
            for (int i = 0; i < length; i++) {
                w[i] = (float) random.nextGaussian();
                g[i] = (float) (random.nextGaussian() * 1e-2);
            }
            params[p] = new ParamBuffers(MemorySegment.ofArray(w), MemorySegment.ofArray(g),
                    List.of(MemorySegment.ofArray(new float[length]), MemorySegment.ofArray(new float[length])));
        }
    }

    @Benchmark
    public void kernelCalls() {
        for (ParamBuffers b : params) {
            plan.apply(k, b, 0, b.param().byteSize() / Float.BYTES);
        }
    }
}
