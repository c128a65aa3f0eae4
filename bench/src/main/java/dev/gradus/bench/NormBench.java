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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The gradient clips' kernels, scalar reference against vector kernel: {@link TransformKernels#sumOfSquares}
 * (the squared global L2 norm of one gradient chunk, in double, in its fixed 16-accumulator order) and
 * {@link TransformKernels#maxAbs} (the ∞-norm), one of which {@code GradientClip.norm} runs over every
 * gradient before each step, {@link TransformKernels#scale}, the rescaling when the norm is over the limit,
 * {@link TransformKernels#add}, gradient centralisation's removal of the mean, {@link TransformKernels#clamp}, which {@code GradientClip.value} runs
 * instead, and {@link TransformKernels#allFinite}, the check before each step under a non-finite policy
 * other than {@code PROPAGATE}. The report runs them ({@link Transform}; {@code --no-transforms} leaves them
 * out); alone: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar NormBench}. Score: ns per
 * call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow",
        "-XX:-BackgroundCompilation"})
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
    /**
     * The rescaling factor: 1, so the values stay as they are, read from a field so that C2 cannot fold
     * {@code x·1} away (with the literal it removed the scalar loop over {@code float[]}: 0.0002 ns/element).
     */
    private float factor = 1f;
    /** The added constant: 0, read from a field for the same reason. */
    private float zero = 0f;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        k = Kernels.byName(kernels).transforms();
        arena = Arena.ofShared();
        g = memory.equals("array") ? MemorySegment.ofArray(new float[size]) : arena.allocate(4L * size, 64);
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < size; i++) {
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
        }
        prewarm(params.getBenchmark());
    }

    /**
     * As {@link StepBench}'s: the measured method {@value StepBench#PREWARM_CALLS} times over a prefix of
     * {@value StepBench#PREWARM_ELEMENTS} floats, so that its Vector API code is compiled before JMH's timed
     * warm-up (interpreted it is thousands of times slower, and at 16M a short warm-up would not get past it).
     */
    private void prewarm(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Transform t = Transform.byMethod(method).orElseThrow(() -> new IllegalStateException("unknown transform " + method));
        MemorySegment head = g.asSlice(0, 4L * Math.min(size, StepBench.PREWARM_ELEMENTS));
        for (int i = 0; i < StepBench.PREWARM_CALLS; i++) {
            run(t, head, head.byteSize() / Float.BYTES);
        }
    }

    /** Transform {@code t} over the first {@code n} floats of {@code s}; its result as a double (void ones 0, a boolean 0 or 1) for JMH to consume. */
    private double run(Transform t, MemorySegment s, long n) {
        return switch (t) {
            case SUM_OF_SQUARES -> k.sumOfSquares(s, 0, n);
            case MAX_ABS -> k.maxAbs(s, 0, n);
            case ALL_FINITE -> k.allFinite(s, 0, n) ? 1 : 0;
            case SCALE -> {
                k.scale(s, 0, n, factor);
                yield 0;
            }
            case ADD -> {
                k.add(s, 0, n, zero);
                yield 0;
            }
            case CLAMP -> {
                k.clamp(s, 0, n, -0.5f, 0.5f);
                yield 0;
            }
        };
    }

    /** The L2 norm's sum of squares, {@link TransformKernels#sumOfSquares}. */
    @Benchmark
    public double sumOfSquares() {
        return run(Transform.SUM_OF_SQUARES, g, size);
    }

    /** The ∞-norm's reduction, {@link TransformKernels#maxAbs}. */
    @Benchmark
    public double maxAbs() {
        return run(Transform.MAX_ABS, g, size);
    }

    /** The check of a non-finite policy other than PROPAGATE before each step, {@link TransformKernels#allFinite} (all finite here). */
    @Benchmark
    public double allFinite() {
        return run(Transform.ALL_FINITE, g, size);
    }

    /** The norm clips' rescaling, {@link TransformKernels#scale} by {@link #factor}. */
    @Benchmark
    public double scale() {
        return run(Transform.SCALE, g, size);
    }

    /** Gradient centralisation's removal of the mean, {@link TransformKernels#add} of {@link #zero}. */
    @Benchmark
    public double add() {
        return run(Transform.ADD, g, size);
    }

    /** Clipping by value to [−0.5, 0.5] in place, {@link TransformKernels#clamp} (after the first call nothing changes). */
    @Benchmark
    public double clamp() {
        return run(Transform.CLAMP, g, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
