package dev.gradus.bench;

import dev.gradus.Optimizer;
import dev.gradus.StepPool;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Rule;
import dev.gradus.rules.Swats;
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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@link Optimizer#step()} over one parameter of {@code elements} floats in 64-byte-aligned
 * native memory on {@code threads} threads (a {@link StepPool} of that size, no threshold: every
 * step is split), with the {@code kernelSet} kernels ({@code vector} unless the report runs where
 * they cannot). {@code threads=1} is the single-threaded step. This is what sets
 * {@link Optimizer#DEFAULT_PARALLEL_THRESHOLD}: the size from which two threads win; the report
 * runs it at its sizes from that threshold up, and sets the 2-thread time against the 1-thread
 * time and against {@link ThreadProbeBench}. Warm-up by count first: {@link StepWarmup}. The
 * parameter names differ from {@link StepBench}'s ({@code threadRule}, {@code elements},
 * {@code kernelSet}) so that one JMH run can give each benchmark its own lists. Score: ns per step.
 *
 * <p>Every rule sees held steps ({@link HeldSteps}), and SWATS its Adam phase throughout: its switch to
 * SGD, which this benchmark's fixed gradient would trip at a step that depends on the size and the sums,
 * is made and dropped at every step ({@code ThreadBenchSwatsTest}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g", "--sun-misc-unsafe-memory-access=allow",
        "-XX:-BackgroundCompilation"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadBench {

    @Param({"4096", "16384", "32768", "65536", "262144", "1048576", "16777216"})
    public int elements;

    @Param({"1", "2"})
    public int threads;

    @Param({"adam"})
    public String threadRule;

    @Param({"vector"})
    public String kernelSet;

    /** The step the benchmark's steps are held at and cycle from ({@link HeldSteps}); late steps: {@code -p fromStep=100000}. */
    @Param({"10"})
    public long fromStep = StepBench.FIRST_STEP;

    /**
     * The phase SWATS is held in ({@link HeldSteps}): {@code adam} (the report's), or {@code sgd} from the first
     * step with Λ = its default learning rate. Other rules ignore it.
     */
    @Param({"adam"})
    public String swatsPhase = "adam";

    /** Whether SWATS is held ({@link HeldSteps}, its steps and its phase); false only in a test: SWATS bare, to show the switch holding drops. */
    boolean holdSwats = true;

    private Arena arena;
    private StepPool pool;
    private Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        if (threads > 1) {
            pool = StepPool.create(threads);
        }
        StepWarmup.run(n -> optimizer(n, false), pool == null ? null : n -> optimizer(n, true));
        opt = optimizer(elements, pool != null);
    }

    /** An optimizer of this benchmark's rule and kernels over one native parameter of {@code n} floats. */
    private Optimizer optimizer(int n, boolean split) {
        Rule inner = BenchRules.get(threadRule);
        boolean swats = inner instanceof Swats;
        Rule r = swats && !holdSwats ? inner : new HeldSteps(inner, fromStep, swats ? swatsScalars(inner) : null);
        var b = Optimizer.builder(r).learningRate(BenchRules.learningRate(r)).kernels(Kernels.byName(kernelSet));
        if (split) {
            b.pool(pool).parallelThreshold(0);
        } else {
            b.singleThreaded();
        }
        Optimizer o = b.build();
        MemorySegment w = allocate(n), g = allocate(n);
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < n; i++) {
            w.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-2));
        }
        o.register("w", w, g);
        return o;
    }

    /** SWATS's group scalars held in {@link #swatsPhase}. */
    private double[] swatsScalars(Rule swats) {
        return switch (swatsPhase) {
            case "adam" -> swats.initialScalars();
            case "sgd" -> new double[] {Swats.PHASE_SGD, BenchRules.learningRate(swats)};
            default -> throw new IllegalArgumentException("swatsPhase must be adam or sgd, got " + swatsPhase);
        };
    }

    /** The measured parameter's slot {@code name} (tests see which phase ran by SWATS's momentum). */
    float[] slotValues(String name) {
        return opt.slotValues("w", name);
    }

    /** The measured optimizer's group scalar state (tests follow SWATS's phase with it). */
    Map<String, Double> scalarState() {
        return opt.scalarState();
    }

    /** What the whole-step tables' SWATS rows measure: for the report's notes. */
    static final String SWATS_NOTE = "SWATS in the whole-step tables: its Adam phase, held (the switch to SGD that this benchmark's "
            + "fixed gradient trips is dropped each step). Its element work runs in parts of 16,384 on the threads with double "
            + "sums (swats-double); with its default float sums each sum is one chain over the parameter, so that phase runs "
            + "on one thread and two threads gain nothing.";

    private MemorySegment allocate(int n) {
        return arena.allocate((long) n * Float.BYTES, 64);
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
