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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * The bandwidth probes of {@link ProbeBench} ({@link Probe}: triad and copy4r3w, the same loops)
 * on {@value #THREADS} threads at once: the roofline of a {@link ThreadBench} step on two threads.
 * {@code elements} floats in all are split into one contiguous share per JMH thread; each thread
 * allocates its own 64-byte-aligned native buffers of its share, placed as {@link PagePlacement} places
 * them (first touch by the thread that
 * streams them, as a {@code StepPool} worker touches its tasks) and streams them, independently of
 * the other, call after call. JMH starts and stops the threads' iterations together.
 *
 * <p><b>How bandwidth is counted.</b> The score is JMH's average time of one call of one thread
 * (its share), over both threads. While one thread streams its share the other streams its own,
 * so one call time moves all {@code elements} elements: GB/s = bytes per element of the probe ×
 * {@code elements} ÷ score, the same formula as the single-thread probe with the same nominal
 * byte counts (no write-allocate reads). Warm-up as in {@link ProbeBench}: the measured loop is
 * first called by count over a short prefix.
 */
@State(Scope.Thread)
@Threads(ThreadProbeBench.THREADS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g",
        "--sun-misc-unsafe-memory-access=allow", "-XX:-BackgroundCompilation"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadProbeBench {

    /** Threads streaming at once. */
    public static final int THREADS = 2;

    /** Floats in all, over both threads (named as in {@link ThreadBench}, whose sizes it follows). */
    @Param({"65536", "1048576", "16777216"})
    public int elements;

    private int share;
    private ProbeStreams streams;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params, ThreadParams thread) {
        int n = thread.getThreadCount(), i = thread.getThreadIndex();
        share = elements / n + (i < elements % n ? 1 : 0);
        streams = new ProbeStreams(false, share);
        ProbeLoops.prewarm(params.getBenchmark(), streams.a, streams.b, streams.c, streams.d, share);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        streams.close();
    }

    @Benchmark
    public void triad() {
        ProbeLoops.triad(streams.a, streams.b, streams.c, share);
    }

    @Benchmark
    public void copy4r3w() {
        ProbeLoops.copy4r3w(streams.a, streams.b, streams.c, streams.d, share);
    }
}
