package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.TransformKernels;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The gradient clips' kernels, scalar reference against vector kernel: {@link TransformKernels#sumOfSquares}
 * (the squared global L2 norm of one gradient chunk, in double, in its fixed 16-accumulator order) and
 * {@link TransformKernels#maxAbs} (the ∞-norm), one of which {@code GradientClip.norm} runs over every
 * gradient before each step, {@link TransformKernels#clamp}, which {@code GradientClip.value} runs
 * instead, and {@link TransformKernels#allFinite}, the check before each step under a non-finite policy
 * other than {@code PROPAGATE}. Not part of the report:
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar NormBench}. Score: ns per
 * call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class NormBench {

    @Param({"65536", "16777216"})
    public int size;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"array", "native"})
    public String memory;

    private Arena arena;
    private TransformKernels k;
    private MemorySegment g;

    @Setup(Level.Trial)
    public void setUp() {
        k = Kernels.byName(kernels).transforms();
        arena = Arena.ofShared();
        g = memory.equals("array") ? MemorySegment.ofArray(new float[size]) : arena.allocate(4L * size, 64);
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < size; i++) {
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
        }
    }

    @Benchmark
    public double sumOfSquares() {
        return k.sumOfSquares(g, 0, size);
    }

    /** The ∞-norm's reduction, {@link TransformKernels#maxAbs}. */
    @Benchmark
    public float maxAbs() {
        return k.maxAbs(g, 0, size);
    }

    /** The check of a non-finite policy other than PROPAGATE before each step, {@link TransformKernels#allFinite} (all finite here). */
    @Benchmark
    public boolean allFinite() {
        return k.allFinite(g, 0, size);
    }

    /** Clipping by value to [−0.5, 0.5] in place, {@link TransformKernels#clamp} (after the first call nothing changes). */
    @Benchmark
    public void clamp() {
        k.clamp(g, 0, size, -0.5f, 0.5f);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
