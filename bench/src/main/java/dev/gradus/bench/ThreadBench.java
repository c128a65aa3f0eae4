package dev.gradus.bench;

import dev.gradus.Optimizer;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@link Optimizer#step()} over one parameter of {@code size} floats on {@code threads}
 * threads (a {@link StepPool} of that size, no threshold: every step is split), with the vector
 * kernels. {@code threads=1} is the single-threaded step. This is what sets
 * {@link Optimizer#DEFAULT_PARALLEL_THRESHOLD}: the size from which two threads win.
 * Score: ns per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadBench {

    @Param({"4096", "16384", "32768", "65536", "262144", "1048576", "16777216"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    @Param({"adam"})
    public String rule;

    @Param({"native"})
    public String memory;

    private Arena arena;
    private StepPool pool;
    private Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        Rule r = BenchRules.get(rule);
        arena = Arena.ofShared();
        var b = Optimizer.builder(r).learningRate(BenchRules.learningRate(r)).kernels(Kernels.byName("vector"));
        if (threads == 1) {
            b.singleThreaded();
        } else {
            pool = StepPool.create(threads);
            b.pool(pool).parallelThreshold(0);
        }
        opt = b.build();
        MemorySegment w = allocate(), g = allocate();
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < size; i++) {
            w.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-2));
        }
        opt.register("w", w, g);
    }

    private MemorySegment allocate() {
        return memory.equals("native") ? arena.allocate((long) size * Float.BYTES, 64) : MemorySegment.ofArray(new float[size]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opt.close();
        if (pool != null) {
            pool.close();
        }
        arena.close();
    }

    @Benchmark
    public Object step() {
        return opt.step();
    }
}
