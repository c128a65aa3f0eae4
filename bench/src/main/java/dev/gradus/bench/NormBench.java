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
        long n = head.byteSize() / Float.BYTES;
        for (int i = 0; i < StepBench.PREWARM_CALLS; i++) {
            switch (t) {
                case SUM_OF_SQUARES -> k.sumOfSquares(head, 0, n);
                case MAX_ABS -> k.maxAbs(head, 0, n);
                case SCALE -> k.scale(head, 0, n, factor);
                case ADD -> k.add(head, 0, n, zero);
                case CLAMP -> k.clamp(head, 0, n, -0.5f, 0.5f);
                case ALL_FINITE -> k.allFinite(head, 0, n);
            }
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

    /**
     * The rescaling factor: 1, so the values stay as they are, read from a field so that C2 cannot fold
     * {@code x·1} away (with the literal it removed the scalar loop over {@code float[]}: 0.0002 ns/element).
     */
    private float factor = 1f;
    /** The added constant: 0, read from a field for the same reason. */
    private float zero = 0f;

    /** The norm clips' rescaling, {@link TransformKernels#scale}. */
    @Benchmark
    public void scale() {
        k.scale(g, 0, size, factor);
    }

    /** Gradient centralisation's removal of the mean, {@link TransformKernels#add} of 0 (read from {@link #zero}). */
    @Benchmark
    public void add() {
        k.add(g, 0, size, zero);
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
