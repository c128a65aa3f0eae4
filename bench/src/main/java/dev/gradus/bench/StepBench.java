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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One optimizer step over one parameter of {@code size} floats: the scalar reference and the
 * vector twin, on {@code float[]} (heap segments) and on 64-byte-aligned native segments, placed
 * within the page as an optimizer places a parameter's state ({@link PagePlacement}). Each
 * parameter combination runs in its own fork, so a call site never sees both memory kinds.
 * Each call applies the next plan of a cycle of {@value #CYCLE} consecutive steps (10 to 69, or from
 * {@link #fromStep}), so a rule that does more on some steps (Lookahead's sync) is measured at its
 * average per step.
 * Score: ns per step; the report divides by the size.
 *
 * <p><b>Warm-up.</b> Vector API code runs thousands of times slower in the interpreter than after
 * C2, so reaching C2 through loop back-edges over a large buffer can take longer than a whole
 * timed warm-up. {@link #setUp} therefore first calls the step {@value #PREWARM_CALLS} times over
 * the first {@value #PREWARM_ELEMENTS} elements of the same buffers (same memory kind: no
 * call-site pollution), which reaches C2 by invocation count in a fraction of a second; the fork
 * flag {@code -XX:-BackgroundCompilation} makes the compiled code be in place before JMH's timed
 * warm-up begins. Steady-state code is unaffected by that flag.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g",
        "--sun-misc-unsafe-memory-access=allow", "-XX:-BackgroundCompilation"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StepBench {

    /** Consecutive steps the benchmark cycles through: a multiple of Lookahead's k = 5 and Ranger's k = 6. */
    static final int CYCLE = 60;
    /** The first step of the cycle unless {@code fromStep} says otherwise: past the first steps, the report's regime (the {@code @Param} default repeats it). */
    public static final long FIRST_STEP = 10;

    /** Calls of the count-based warm-up in {@link #setUp}. */
    static final int PREWARM_CALLS = 10_000;
    /** Elements per call of the count-based warm-up. */
    static final int PREWARM_ELEMENTS = 512;

    @Param({"sgd-momentum", "adam", "adamw", "adagrad", "rmsprop", "adamax", "nadam", "radam", "adabound", "amsbound", "adamod",
            "diffgrad", "yogi", "lookahead-adam", "ranger", "swats",
            "swats-double"})
    public String rule;

    @Param({"4096", "65536", "1048576", "16777216"})
    public int size;

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"array", "native"})
    public String memory;

    /**
     * The first of the {@value #CYCLE} steps cycled through. From 10 the report's figures; late in a long
     * run ({@code -p fromStep=100000}) Adam's ⟨bc2s⟩ has rounded to 1 and its kernel divides once less.
     */
    @Param({"10"})
    public long fromStep = FIRST_STEP;

    private Arena arena;
    private PagePlacement placement;
    private UpdateKernels k;
    private ParamBuffers buffers;
    /** The plans of steps 10, 11, … in turn (see {@link #CYCLE}). */
    private StepPlan[] plans;
    private int next;
    private double[] scalars;

    @Setup(Level.Trial)
    public void setUp() {
        Rule r = BenchRules.get(rule);
        k = Kernels.byName(kernels);
        // Plans first: planning up to a late fromStep allocates garbage, and a collection in the middle
        // would move float[] buffers allocated before it (where their pages meet matters on some CPUs).
        scalars = r.initialScalars().clone();
        plans = steadyPlans(r, scalars, fromStep);
        System.gc();
        arena = Arena.ofShared();
        placement = new PagePlacement(arena);
        MemorySegment param = allocate(), grad = allocate();
        fillSeeded(param, grad, size);
        List<MemorySegment> slots = new ArrayList<>();
        for (String s : r.slotNames()) {
            MemorySegment seg = allocate();
            initialiseSlot(r, s, seg, size);
            slots.add(seg);
        }
        buffers = new ParamBuffers(param, grad, slots, r.initialParameterScalars().clone());
        prewarm(plans, k, buffers, size);
    }

    /** The benchmarks' data: a parameter of standard normal values and a gradient 100 times smaller (seed 42). */
    static void fillSeeded(MemorySegment param, MemorySegment grad, int size) {
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < size; i++) {
            param.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
            grad.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextGaussian() * 1e-2));
        }
    }

    /** Sets the first {@code size} floats of {@code seg} to the rule's initial value of slot {@code slot}. */
    static void initialiseSlot(Rule r, String slot, MemorySegment seg, int size) {
        seg.fill((byte) 0);
        float init = r.initialSlotValue(slot);
        for (long i = 0; i < size && init != 0f; i++) {
            seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, init);
        }
    }

    /**
     * The plans of steps 10, 11, … in turn ({@link #CYCLE} of them, one for a rule of whole parameters),
     * after planning steps 1–9 over {@code scalars}. Steps well past the first, so every rule runs its
     * steady-state formula; a cycle of them, so a periodic rule is measured at its average (spec §M's
     * traffic): Lookahead syncs every 5th step, Ranger every 6th. SWATS keeps step 10 (its Adam phase,
     * see StepBenchSwatsTest).
     */
    static StepPlan[] steadyPlans(Rule r, double[] scalars) {
        return steadyPlans(r, scalars, FIRST_STEP);
    }

    /** As {@link #steadyPlans(Rule, double[])}, from step {@code first} (after planning steps 1 to {@code first − 1}). */
    static StepPlan[] steadyPlans(Rule r, double[] scalars, long first) {
        double lr = BenchRules.learningRate(r);
        for (long t = 1; t < first; t++) {
            r.plan(new StepContext(t, lr, lr, scalars));
        }
        StepPlan[] plans = new StepPlan[r.wholeParameters() ? 1 : CYCLE];
        for (int t = 0; t < plans.length; t++) {
            plans[t] = r.plan(new StepContext(first + t, lr, lr, scalars));
        }
        return plans;
    }

    /**
     * The count-based pre-warm ({@link #PREWARM_CALLS} calls), on a parameter of its own: views of the
     * first elements of the same buffers (a rule may need whole parameters, e.g. SWATS), sharing the
     * per-parameter scalars.
     */
    static void prewarm(StepPlan[] plans, UpdateKernels k, ParamBuffers buffers, int size) {
        int prefix = Math.min(size, PREWARM_ELEMENTS);
        ParamBuffers head = new ParamBuffers(head(buffers.param(), prefix), head(buffers.grad(), prefix),
                buffers.slots().stream().map(s -> head(s, prefix)).toList(), buffers.scalars());
        for (int i = 0; i < PREWARM_CALLS; i++) {
            plans[i % plans.length].apply(k, head, 0, prefix);
        }
    }

    private static MemorySegment head(MemorySegment s, int elements) {
        return s.asSlice(0, (long) elements * Float.BYTES);
    }

    /** The rule's group scalar state, which the plan may update as it is applied (tests check SWATS stays in its Adam phase). */
    double[] scalars() {
        return scalars;
    }

    private MemorySegment allocate() {
        return memory.equals("array") ? MemorySegment.ofArray(new float[size]) : placement.next(size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void step() {
        StepPlan plan = plans[next];
        next = next + 1 == plans.length ? 0 : next + 1;
        plan.apply(k, buffers, 0, size);
    }
}
