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
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Adam kernel called directly, without an {@link dev.gradus.Optimizer}, over the layouts of
 * {@link MultiTensorBench}: {@code COUNTxLENGTH} separate {@code float[]} parameters, each with its
 * gradient and state arrays allocated beside it, as registration lays them out. What a step over
 * many small arrays costs in the kernels and the memory alone. {@code arrays} varies where the
 * buffers lie: {@code separate} (each parameter's four arrays one after another, as separately
 * allocated {@code float[]} state used to be), {@code hybrid} (the parameters' own arrays separate,
 * the two state buffers slices of one array each: how the optimizer lays out small parameters' state)
 * and {@code slices} (all four buffers slices of one array each). Not part of the report:
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

    /** {@code separate}, {@code hybrid} or {@code slices} (see the class comment). */
    @Param({"separate", "hybrid"})
    public String arrays;

    /** Floats of a spacer array allocated after each of a parameter's arrays (separate and hybrid): a check on 4K aliasing. */
    @Param({"0"})
    public int gap;

    private UpdateKernels k;
    private ParamBuffers[] params;
    private StepPlan plan;
    /** The spacer arrays, kept reachable so the layout stays as allocated. */
    private Object[] keep;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = layout.split("x");
        int count = Integer.parseInt(parts[0]), length = Integer.parseInt(parts[1]);
        Rule r = BenchRules.get("adam");
        k = Kernels.byName("vector");
        double lr = BenchRules.learningRate(r);
        plan = r.plan(new StepContext(10, lr, lr, r.initialScalars().clone()));
        params = arrays.equals("slices") ? slices(count, length) : separate(count, length, arrays.equals("hybrid"));
    }

    /** Each parameter's value, gradient and (unless {@code sliceState}) state arrays allocated one after another. */
    private ParamBuffers[] separate(int count, int length, boolean sliceState) {
        SplittableRandom random = new SplittableRandom(42);
        ParamBuffers[] out = new ParamBuffers[count];
        keep = new Object[count * 4];
        MemorySegment slabM = sliceState ? MemorySegment.ofArray(new float[count * length]) : null;
        MemorySegment slabV = sliceState ? MemorySegment.ofArray(new float[count * length]) : null;
        long bytes = 4L * length;
        for (int p = 0; p < count; p++) {
            float[] w = new float[length];
            keep[4 * p] = new float[gap];
            float[] g = new float[length];
            keep[4 * p + 1] = new float[gap];
            for (int i = 0; i < length; i++) {
                w[i] = (float) random.nextGaussian();
                g[i] = (float) (random.nextGaussian() * 1e-2);
            }
            List<MemorySegment> state = sliceState
                    ? List.of(slabM.asSlice(p * bytes, bytes), slabV.asSlice(p * bytes, bytes))
                    : List.of(MemorySegment.ofArray(new float[length]), MemorySegment.ofArray(new float[length]));
            keep[4 * p + 2] = new float[gap];
            keep[4 * p + 3] = new float[gap];
            out[p] = new ParamBuffers(MemorySegment.ofArray(w), MemorySegment.ofArray(g), state);
        }
        return out;
    }

    /** Every buffer kind one array, each parameter a slice of it. */
    private static ParamBuffers[] slices(int count, int length) {
        SplittableRandom random = new SplittableRandom(42);
        long n = (long) count * length, bytes = 4L * length;
        MemorySegment w = MemorySegment.ofArray(new float[(int) n]), g = MemorySegment.ofArray(new float[(int) n]);
        MemorySegment m = MemorySegment.ofArray(new float[(int) n]), v = MemorySegment.ofArray(new float[(int) n]);
        for (long i = 0; i < n; i++) {
            w.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-2));
        }
        ParamBuffers[] out = new ParamBuffers[count];
        for (int p = 0; p < count; p++) {
            out[p] = new ParamBuffers(w.asSlice(p * bytes, bytes), g.asSlice(p * bytes, bytes),
                    List.of(m.asSlice(p * bytes, bytes), v.asSlice(p * bytes, bytes)));
        }
        return out;
    }

    @Benchmark
    public void kernelCalls() {
        for (ParamBuffers b : params) {
            plan.apply(k, b, 0, b.param().byteSize() / Float.BYTES);
        }
    }
}
