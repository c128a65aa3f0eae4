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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole single-threaded Adam {@link Optimizer#step()} over one parameter of {@code size} floats in
 * one memory kind, in a JVM that has ({@code before = other}) or has not ({@code none}) first stepped
 * an optimizer over the other kind: {@code float[]} and native parameters in one application. The
 * JDK's segment access code is shared by all callers and C2 specialises it by the segment classes it
 * has seen, so code that takes both kinds through it is compiled against a profile holding both. The
 * scalar reference takes heap buffers as arrays ({@code HeapFloats}); the SIMD loops do not yet (the
 * README has the figures, {@code docs/performance-history.md} what was tried). The default size has a scalar tail of 9 elements. Not
 * part of the report: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar MemoryKindsBench}.
 * Score: ns per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow",
        "-XX:-BackgroundCompilation"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryKindsBench {

    @Param({"65545"})
    public int size;

    @Param({"scalar", "vector"})
    public String kernelSet;

    /** The measured parameter's memory: {@code array} ({@code float[]}) or {@code native}. */
    @Param({"array", "native"})
    public String memory;

    /** {@code other}: an optimizer over the other memory kind stepped first, in this JVM; {@code none}: not. */
    @Param({"none", "other"})
    public String before;

    private Arena arena;
    private Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        boolean array = memory.equals("array");
        if (before.equals("other")) {
            StepWarmup.run(n -> optimizer(!array, n + 9), null);
        }
        StepWarmup.run(n -> optimizer(array, n + 9), null);
        opt = optimizer(array, size);
    }

    /** A single-threaded Adam optimizer over one parameter of {@code n} floats, {@code float[]} or native. */
    private Optimizer optimizer(boolean array, int n) {
        Rule r = BenchRules.get("adam");
        Optimizer o = Optimizer.builder(r).learningRate(BenchRules.learningRate(r)).kernels(Kernels.byName(kernelSet))
                .singleThreaded().build();
        SplittableRandom random = new SplittableRandom(42);
        float[] w = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) random.nextGaussian();
            g[i] = (float) (random.nextGaussian() * 1e-2);
        }
        if (array) {
            o.register("w", w, g);
        } else {
            MemorySegment nw = arena.allocate(4L * n, 64), ng = arena.allocate(4L * n, 64);
            nw.copyFrom(MemorySegment.ofArray(w));
            ng.copyFrom(MemorySegment.ofArray(g));
            o.register("w", nw, ng);
        }
        return o;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opt.close();
        arena.close();
    }

    @Benchmark
    public Object step() {
        return opt.step();
    }
}
