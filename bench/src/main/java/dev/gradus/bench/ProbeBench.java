package dev.gradus.bench;

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

import java.util.concurrent.TimeUnit;

/**
 * Memory-bandwidth probes over {@code size} floats with the same memory kinds, alignment, placement
 * ({@link PagePlacement}) and fork settings as {@link StepBench}, so that a rule's effective bandwidth can be set against what plain
 * streaming achieves in the same run:
 * <ul>
 *   <li>{@link #triad}: STREAM's triad {@code a ← b + s·c}: 8 bytes read, 4 written per element
 *       (counted as STREAM counts, without the write-allocate read of {@code a});</li>
 *   <li>{@link #copy4r3w}: {@code x_j ← x_j + s·g} for three buffers, in place: 16 bytes read,
 *       12 written per element, the access pattern of an Adam step (θ, m, v updated, g read).</li>
 * </ul>
 * Both run the preferred Vector API species with a scalar tail, so the loop itself is never the
 * limit. Score: ns per call; the report turns it into GB/s with the byte counts of {@link Probe}
 * (kept there because this class needs the vector module to load). Warm-up as in {@link StepBench}:
 * the measured loop is first called by count over a short prefix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g",
        "--sun-misc-unsafe-memory-access=allow", "-XX:-BackgroundCompilation"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProbeBench {

    @Param({"4096", "65536", "1048576", "16777216"})
    public int size;

    @Param({"array", "native"})
    public String memory;

    private ProbeStreams streams;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        streams = new ProbeStreams(memory.equals("array"), size);
        ProbeLoops.prewarm(params.getBenchmark(), streams.a, streams.b, streams.c, streams.d, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        streams.close();
    }

    @Benchmark
    public void triad() {
        ProbeLoops.triad(streams.a, streams.b, streams.c, size);
    }

    @Benchmark
    public void copy4r3w() {
        ProbeLoops.copy4r3w(streams.a, streams.b, streams.c, streams.d, size);
    }
}
