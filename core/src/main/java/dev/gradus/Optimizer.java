package dev.gradus;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Check;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.PartedPlan;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Applies update {@link Rule}s to named float32 parameters, step after step.
 *
 * <pre>{@code
 * try (Optimizer opt = Optimizer.builder(Adam.adamW()).learningRate(1e-3).build()) {
 *     opt.register("weights", weights, weightGrads);   // float[] or MemorySegment, same length
 *     for (int epoch = 0; epoch < epochs; epoch++) {
 *         computeGradients();                          // fill weightGrads
 *         opt.step();                                  // updates weights and the state
 *     }
 * }
 * }</pre>
 *
 * <p><b>Groups.</b> The builder's rule forms the group {@value #DEFAULT_GROUP}; {@link Builder#group}
 * adds groups with their own rule and schedules (e.g. no weight decay for biases). Each parameter
 * belongs to exactly one group; names are unique across groups.
 *
 * <p><b>A step</b>, in order: the learning rate and scheduled hyperparameters of each group for
 * this step are computed and checked; every buffer is checked to be alive; gradients are checked
 * against the {@link NonFinitePolicy}; the {@link GradientClip} (if any) is applied, writing the
 * clipped gradients; then each group's rule updates its parameters and state. The learning rate of
 * step {@code k} (1-based) is {@code schedule.valueAt(k − 1)}.
 *
 * <p><b>State.</b> Every parameter gets its rule's state slots ({@link Rule#slotNames()}) when it
 * is registered, in memory of the parameter's kind: on the heap ({@code float[]}-backed) for
 * {@code float[]} parameters and heap segments, and 64-byte-aligned memory of an arena the optimizer
 * owns (freed by {@link #close()}) for native segments: a confined arena of the registering thread
 * for parameters in a confined arena of that thread, a shared one otherwise. The slots of
 * parameters of up to 65,536 floats are carved one after another from shared chunks, so a step
 * over many small parameters streams their state like one buffer (the kernels alone took 14% less
 * time for 1000 × 1K). A larger native parameter's slots start at offsets within a 4 KiB page away
 * from its value, gradient and each other ({@link dev.gradus.kernel.PageOffsets}: on some processors
 * loads wait on stores to the same page offset). Slots can be read by name, never written
 * from outside. All parameters share one step counter, so they must be registered before the first
 * {@link #step()}.
 *
 * <p><b>Failure atomicity.</b> Registration and {@link #step()} validate everything before they
 * write anything: a call that throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} leaves every parameter, gradient, slot and counter as it was.
 *
 * <p><b>Threads.</b> An optimizer is not thread-safe: use it from one thread at a time. It may move
 * between threads when the hand-off gives the usual happens-before (a lock, a queue, a
 * {@code Future}). What is enforced, cheaply:
 * <ul>
 *   <li>The calls that write or must see a consistent state, {@link #step()}, registration,
 *       {@link #save(Path)}/{@link #load(Path)} (all overloads) and {@link #close()}, hold the
 *       optimizer for their whole duration. A second such call that overlaps, from another thread
 *       (or from a schedule called back by the step), fails at once with
 *       {@link IllegalStateException} and writes nothing; the first one is not disturbed. This is
 *       a detector, not a lock: the caller that fails must not retry in a loop as a substitute for
 *       synchronisation.</li>
 *   <li>A {@link MemorySegment} of a confined arena can only be used by its owner thread: registering
 *       it from another thread is an {@link IllegalArgumentException}, and {@link #step()},
 *       {@link #save} or {@link #load} in a thread that cannot access a registered buffer is an
 *       {@link IllegalStateException}, before anything is written.</li>
 * </ul>
 * Not enforced (the caller's side of the contract): the queries ({@link #stepCount()},
 * {@link #slot}, {@link #slotValues}, {@link #scalarState()}, {@link #parameterScalars}, …) take no
 * hold, so calling them while another thread steps may return a mix of two steps; a slot view from
 * {@link #slot} reads live memory. No other thread may write a registered parameter or gradient, or
 * close its arena, while a step, save or load runs.
 *
 * <p><b>Parallel steps.</b> A step is cut into tasks fixed by the registered parameters alone: the
 * update in ranges of 16,384 elements (small parameters share a task), the gradient
 * checks, clipping and norms in chunks of {@value #NORM_CHUNK}, centralisation a task per
 * parameter. A step over at least {@link Builder#parallelThreshold(long)} elements in all runs its
 * tasks on a {@link StepPool} (default {@link StepPool#shared()}, one thread per processor, the
 * calling thread included); smaller steps, {@link Builder#singleThreaded()} optimizers and
 * parameters in a confined arena run on the calling thread. Every task runs the same kernel call
 * on the same range whichever thread takes it, and a norm adds its chunk sums in one fixed order,
 * so results are the same bits for any number of threads. A rule that needs whole parameters in
 * order (SWATS, {@link Rule#wholeParameters()}) steps its group's parameters one after another, after
 * the other groups; a {@link PartedPlan} cuts each such parameter into parts that run on the pool
 * (SWATS: parts of 16,384 elements in its SGD phase, and in its Adam phase with
 * {@link dev.gradus.rules.SwatsSums#FIXED_ORDER_DOUBLE}; its default index-order sums keep the Adam
 * phase of a parameter on one thread).
 *
 * <p><b>Many parameters.</b> Parameters registered one by one each cost a kernel call per step
 * over memory of their own. {@link #register(ParameterLayout, MemorySegment, MemorySegment)}
 * registers many parameters as views of one flat block: their state is laid out the same way and
 * a step runs each kernel over the whole block, as if it were one parameter.
 *
 * <p><b>Kernels.</b> By default the kernels chosen by {@link Kernels#selected()}: the vector
 * twins when the JVM can run them, else the scalar reference. Both give the same bits.
 *
 * <p><b>Checkpoints.</b> {@link #save(Path)} writes the whole state (step counter, every
 * parameter's values, slots and scalar state, every group's scalar state) with the configuration
 * it was produced under (rules with every hyperparameter, schedules, clipping, non-finite policy)
 * in a versioned, checksummed binary format ({@code checkpoint-format.md} in the sources). To
 * resume, build the same optimizer, register the same parameters and {@link #load(Path)}: the run
 * then continues bit for bit as if it had never stopped, whichever kernels or memory kinds either
 * side uses. A load checks everything before it writes anything.
 */
public final class Optimizer implements AutoCloseable {

    /** Name of the group formed by the builder's own rule. */
    public static final String DEFAULT_GROUP = "default";

    /**
     * Elements per chunk of the gradient-norm reduction. Chunk sums are combined in a fixed order
     * (groups, parameters, chunks), so a multi-threaded step gives the same norm.
     */
    static final long NORM_CHUNK = 1 << 16;

    /**
     * Default of {@link Builder#parallelThreshold(long)}: a step over fewer elements (all
     * parameters together) stays on the calling thread, where handing work to another thread costs
     * more than it saves (measured by {@code ThreadBench} in gradus-bench).
     */
    public static final long DEFAULT_PARALLEL_THRESHOLD = 1 << 16;

    private final Map<String, ParamGroup> groups = new LinkedHashMap<>();
    private final Map<String, ParamGroup> groupOfParam = new LinkedHashMap<>();
    private final UpdateKernels kernels;
    /** Where registrations report their memory kinds; null for kernels that are not vector ones ({@link MemoryKindMix}). */
    private final MemoryKindMix memoryKinds;
    private final NonFinitePolicy nonFinite;
    private final GradientClip clip;
    private final GradientNoise noise;
    private final StepPool pool;
    /** The task of a parted parameter's job on the pool (see {@link Parts}). */
    private final Parts parts = new Parts();
    private final long parallelThreshold;
    private final Arena arena = Arena.ofShared();
    private final SlotMemory slotMemory = new SlotMemory();
    /** State of parameters in a confined arena of {@link #confinedOwner}; made at the first such registration. */
    private Arena confinedArena;
    private Thread confinedOwner;
    private StepWork work;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long steps;
    private boolean closed;

    private Optimizer(Builder<?> b) {
        this.kernels = b.kernels != null ? b.kernels : Kernels.selected();
        this.memoryKinds = kernels.vectorBits() > 0 ? b.memoryKinds : null;
        this.nonFinite = b.nonFinite;
        this.clip = b.clip;
        this.noise = b.noise;
        this.pool = b.singleThreaded ? null : b.pool != null ? b.pool : StepPool.shared();
        this.parallelThreshold = b.parallelThreshold;
        for (GroupBuilder<?> g : b.groups) {
            groups.put(g.name, g.build(this));
        }
    }

    /** Starts an optimizer whose default group uses {@code rule}. */
    public static <R extends Rule> Builder<R> builder(R rule) {
        return new Builder<>(Check.notNull("rule", rule));
    }

    /** The rule, learning rate and hyperparameter schedules of one group. */
    public static final class GroupBuilder<R extends Rule> {
        private final String name;
        private final R rule;
        private Schedule learningRate;
        private final List<ParamGroup.HyperSchedule<?>> hyperSchedules = new ArrayList<>();

        private GroupBuilder(String name, R rule) {
            this.name = name;
            this.rule = rule;
        }

        /** A constant learning rate: finite and {@code >= 0}. */
        public GroupBuilder<R> learningRate(double lr) {
            Check.nonNegative("learningRate", lr);
            this.learningRate = Schedule.constant(lr);
            return this;
        }

        /** A scheduled learning rate; each step checks that its value is finite and {@code >= 0}. */
        public GroupBuilder<R> learningRate(Schedule schedule) {
            this.learningRate = Check.notNull("learningRate schedule", schedule);
            return this;
        }

        /**
         * Drives a hyperparameter by a schedule: at each step the rule becomes
         * {@code apply(rule, schedule.valueAt(completedSteps))}, e.g.
         * {@code (adam, b1) -> adam.withBetas(b1, adam.beta2())}. An invalid value fails that step
         * before anything is written; the rule's state slots must not change.
         */
        public GroupBuilder<R> hyperparameter(Schedule schedule, BiFunction<R, Double, R> apply) {
            hyperSchedules.add(new ParamGroup.HyperSchedule<>(Check.notNull("hyperparameter schedule", schedule),
                    Check.notNull("hyperparameter setter", apply)));
            return this;
        }

        private ParamGroup build(Optimizer owner) {
            Schedule lr = learningRate;
            if (lr == null) {
                var def = rule.defaultLearningRate();
                if (def.isEmpty()) {
                    throw new IllegalArgumentException("learningRate must be set for " + rule.name()
                            + (name.equals(DEFAULT_GROUP) ? "" : " in group '" + name + "'") + ": the rule has no default learning rate");
                }
                lr = Schedule.constant(def.getAsDouble());
            }
            return new ParamGroup(owner, name, rule, lr, hyperSchedules);
        }
    }

    /** Configures an {@link Optimizer}. */
    public static final class Builder<R extends Rule> {
        private final GroupBuilder<R> main;
        private final List<GroupBuilder<?>> groups = new ArrayList<>();
        private UpdateKernels kernels;
        private NonFinitePolicy nonFinite = NonFinitePolicy.PROPAGATE;
        private GradientClip clip;
        private GradientNoise noise;
        private StepPool pool;
        private boolean singleThreaded;
        private long parallelThreshold = DEFAULT_PARALLEL_THRESHOLD;
        /** The JVM's; tests in this package give their own. */
        MemoryKindMix memoryKinds = MemoryKindMix.JVM;

        private Builder(R rule) {
            main = new GroupBuilder<>(DEFAULT_GROUP, rule);
            groups.add(main);
        }

        /** The default group's constant learning rate: finite and {@code >= 0}. */
        public Builder<R> learningRate(double lr) {
            main.learningRate(lr);
            return this;
        }

        /** The default group's learning-rate schedule. */
        public Builder<R> learningRate(Schedule schedule) {
            main.learningRate(schedule);
            return this;
        }

        /** Drives a hyperparameter of the default group (see {@link GroupBuilder#hyperparameter}). */
        public Builder<R> hyperparameter(Schedule schedule, BiFunction<R, Double, R> apply) {
            main.hyperparameter(schedule, apply);
            return this;
        }

        /** Adds a group with its own rule, configured by {@code config} (learning rate, schedules). */
        public <G extends Rule> Builder<R> group(String name, G rule, Consumer<GroupBuilder<G>> config) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("group name must be non-blank, got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (groups.stream().anyMatch(g -> g.name.equals(name))) {
                throw new IllegalArgumentException("group '" + name + "' is already defined");
            }
            GroupBuilder<G> g = new GroupBuilder<>(name, Check.notNull("rule of group '" + name + "'", rule));
            Check.notNull("group configuration", config).accept(g);
            groups.add(g);
            return this;
        }

        /** Adds a group with its own rule and constant learning rate. */
        public <G extends Rule> Builder<R> group(String name, G rule, double lr) {
            return group(name, rule, g -> g.learningRate(lr));
        }

        /** What to do with NaN or infinite gradients (default {@link NonFinitePolicy#PROPAGATE}). */
        public Builder<R> nonFinite(NonFinitePolicy policy) {
            this.nonFinite = Check.notNull("nonFinite policy", policy);
            return this;
        }

        /** Clip the gradients before every step. */
        public Builder<R> clip(GradientClip clip) {
            this.clip = Check.notNull("clip", clip);
            return this;
        }

        /** Add annealed Gaussian noise to the gradients before every step, after clipping. */
        public Builder<R> gradientNoise(GradientNoise noise) {
            this.noise = Check.notNull("gradientNoise", noise);
            return this;
        }

        /**
         * The threads a large step is split across (default {@link StepPool#shared()}, one per
         * available processor). The results are the same bits for any pool.
         */
        public Builder<R> pool(StepPool pool) {
            this.pool = Check.notNull("pool", pool);
            this.singleThreaded = false;
            return this;
        }

        /** Every step runs on the calling thread alone. */
        public Builder<R> singleThreaded() {
            this.pool = null;
            this.singleThreaded = true;
            return this;
        }

        /**
         * A step over fewer elements than this (all parameters together) runs on the calling thread
         * (default {@value Optimizer#DEFAULT_PARALLEL_THRESHOLD}); {@code 0} splits every step.
         */
        public Builder<R> parallelThreshold(long elements) {
            this.parallelThreshold = Check.atLeast("parallelThreshold", elements, 0);
            return this;
        }

        /** Kernels to use instead of {@link Kernels#selected()} (tests and benchmarks compare the two). */
        public Builder<R> kernels(UpdateKernels kernels) {
            this.kernels = Check.notNull("kernels", kernels);
            return this;
        }

        /** The optimizer. A group without a learning rate uses its rule's default (SGD has none: then it throws). */
        public Optimizer build() {
            return new Optimizer(this);
        }
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a heap parameter in the default group; {@code grad} is read at every
     * {@link #step()}. The optional {@code shape} (row-major; its product is the length) matters
     * only to rules that look at it (Ranger's gradient centralisation); without it the parameter
     * is a vector.
     */
    public Optimizer register(String name, float[] value, float[] grad, int... shape) {
        register(group(DEFAULT_GROUP), name, value, grad, shape);
        return this;
    }

    /**
     * Registers a parameter held in float32 segments (native byte order) of the same length in the
     * default group. Its state lives in memory of {@code value}'s kind: on the heap for a heap
     * segment; for a native one, in a confined arena of this thread if {@code value} is confined to
     * it and this is the first thread to register such a parameter (then {@link #close()} must run
     * in this thread too), else in this optimizer's shared arena.
     * {@code shape} as for {@link #register(String, float[], float[], int...)}.
     *
     * <p>Why the state follows the value: a kernel that meets segments of different kinds in one call
     * compiles badly. Heap parameters with off-heap state (how this method placed it before) made C2
     * recompile the Adam kernel again and again when the gradient was clipped: a step over 8192
     * floats ran at about 3,000 instead of 430,000 a second and had not recovered after 40 s;
     * confined parameters with shared state did the same for 7–20 s whenever the rule's flags changed
     * (see the README's performance section). For the same reason keep {@code value} and {@code grad}
     * of one kind. With vector kernels the optimizer logs a warning (logger {@code dev.gradus.kernels},
     * once per JVM) at the first registration that mixes the kinds, within a parameter or across the
     * JVM's parameters: heap and native parameters in one JVM slow the vector kernels down too, and
     * without {@code -XX:-UseProfiledLoopPredicate} can stall them for about half a minute after the
     * switch. The results do not change.
     */
    public Optimizer register(String name, MemorySegment value, MemorySegment grad, int... shape) {
        register(group(DEFAULT_GROUP), name, value, grad, shape);
        return this;
    }

    void register(ParamGroup group, String name, float[] value, float[] grad, int[] shape) {
        Check.notNull("value of parameter '" + name + "'", value);
        Check.notNull("gradient of parameter '" + name + "'", grad);
        register(group, name, MemorySegment.ofArray(value), MemorySegment.ofArray(grad), shape);
    }

    void register(ParamGroup group, String name, MemorySegment value, MemorySegment grad, int[] shape) {
        Check.notNull("value of parameter '" + name + "'", value);
        Check.notNull("gradient of parameter '" + name + "'", grad);
        enter();
        try {
            checkNewName(name);
            checkFloats("parameter '" + name + "'", value);
            checkFloats("gradient of parameter '" + name + "'", grad);
            List<Integer> dims = shapeOf(name, shape, value.byteSize() / Float.BYTES);
            checkRegistration(group, "parameter '" + name + "'", value, grad, gradientWriter(group, List.of(dims)));
            List<MemorySegment> slots = allocateSlots(group.rule(), value, grad);
            work = null;
            group.params.put(name, new ParamGroup.Param(name, value, grad,
                    new ParamBuffers(value, grad, slots, group.rule().initialParameterScalars().clone()), value.byteSize() / Float.BYTES, dims));
            groupOfParam.put(name, group);
            if (memoryKinds != null) {
                memoryKinds.note("parameter '" + name + "'", value, grad);
            }
        } finally {
            leave();
        }
    }

    /**
     * Registers a block of parameters in the default group: {@code values} and {@code grads} hold
     * {@link ParameterLayout#size()} floats each, every parameter of {@code layout} is a view of
     * them (as {@link ParameterLayout#view} gives), and the state is one block per slot in the same
     * layout, in memory of {@code values}' kind (as for
     * {@link #register(String, MemorySegment, MemorySegment, int...)}). Each parameter is then
     * registered under its own name (slots, checkpoints and queries work per parameter), but a step
     * runs one kernel call over the whole block wherever the rule allows it (rules without
     * whole-parameter or per-parameter state: all but SWATS).
     */
    public Optimizer register(ParameterLayout layout, MemorySegment values, MemorySegment grads) {
        register(group(DEFAULT_GROUP), layout, values, grads);
        return this;
    }

    /** {@link #register(ParameterLayout, MemorySegment, MemorySegment)} with heap blocks; the state is on the heap too. */
    public Optimizer register(ParameterLayout layout, float[] values, float[] grads) {
        register(group(DEFAULT_GROUP), layout, values, grads);
        return this;
    }

    void register(ParamGroup group, ParameterLayout layout, float[] values, float[] grads) {
        Check.notNull("values block", values);
        Check.notNull("gradients block", grads);
        register(group, layout, MemorySegment.ofArray(values), MemorySegment.ofArray(grads));
    }

    void register(ParamGroup group, ParameterLayout layout, MemorySegment values, MemorySegment grads) {
        Check.notNull("values block", values);
        Check.notNull("gradients block", grads);
        Check.notNull("layout", layout);
        enter();
        try {
            List<String> names = layout.names();
            for (String name : names) {
                checkNewName(name);
            }
            List<List<Integer>> shapes = new ArrayList<>();
            for (String name : names) {
                shapes.add(shapeOf(name, layout.shape(name), layout.length(name)));
            }
            String what = "block of parameters " + names;
            checkFloats(what, values);
            checkFloats("gradient of " + what, grads);
            if (values.byteSize() != layout.bytes()) {
                throw new IllegalArgumentException("values of the " + what + " have " + values.byteSize() / Float.BYTES
                        + " elements, expected " + layout.size() + " (the layout's size)");
            }
            checkRegistration(group, what, values, grads, gradientWriter(group, shapes));
            Rule rule = group.rule();
            List<MemorySegment> slots = allocateSlots(rule, values, grads);
            work = null;
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                MemorySegment v = layout.view(values, name), g = layout.view(grads, name);
                List<MemorySegment> own = slots.stream().map(s -> layout.view(s, name)).toList();
                group.params.put(name, new ParamGroup.Param(name, v, g, new ParamBuffers(v, g, own, rule.initialParameterScalars().clone()),
                        layout.length(name), shapes.get(k)));
                groupOfParam.put(name, group);
            }
            if (!names.isEmpty()) {
                group.blocks.put(names.getFirst(), new ParamGroup.Block(names.size(), new ParamBuffers(values, grads, slots)));
            }
            if (memoryKinds != null) {
                memoryKinds.note(what, values, grads);
            }
        } finally {
            leave();
        }
    }

    /**
     * The rule's state slots for a parameter like {@code value}, in memory of its kind ({@link #stateArena}),
     * small parameters' slots carved one after another from shared chunks ({@link SlotMemory}), large
     * native ones placed within a page apart from {@code value}, {@code grad} and each other.
     */
    private List<MemorySegment> allocateSlots(Rule rule, MemorySegment value, MemorySegment grad) {
        List<MemorySegment> slots = new ArrayList<>();
        List<MemorySegment> streams = new ArrayList<>(List.of(value, grad));
        long n = value.byteSize() / Float.BYTES;
        Arena in = stateArena(value);
        for (String slot : rule.slotNames()) {
            MemorySegment s = slotMemory.allocate(slot, n, in, streams);
            streams.add(s);
            float init = rule.initialSlotValue(slot);
            if (rule.slotCopiesParameter(slot)) {
                s.copyFrom(value);
            } else if (Float.floatToRawIntBits(init) != 0) {     // SlotMemory's memory comes zeroed
                for (long i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_FLOAT, i, init);
                }
            }
            slots.add(s);
        }
        return slots;
    }

    /**
     * Where the state of a parameter held in {@code value} lives: null for the heap (a heap segment),
     * this optimizer's confined arena for a segment confined to this thread (made now if need be), its
     * shared arena otherwise. Registration has checked that this thread can access {@code value}.
     */
    private Arena stateArena(MemorySegment value) {
        if (!value.isNative()) {
            return null;
        }
        if (StepWork.sharedWithOtherThreads(value)) {
            return arena;
        }
        if (confinedArena == null) {
            confinedArena = Arena.ofConfined();
            confinedOwner = Thread.currentThread();
        }
        return confinedOwner == Thread.currentThread() ? confinedArena : arena;
    }

    private static List<Integer> shapeOf(String name, int[] shape, long length) {
        if (shape == null || shape.length == 0) {
            return List.of(Math.toIntExact(length));
        }
        long product = 1;
        List<Integer> dims = new ArrayList<>();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape of parameter '" + name + "' has a negative dimension: "
                        + java.util.Arrays.toString(shape));
            }
            product *= d;
            dims.add(d);
        }
        if (product != length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " of parameter '" + name + "' has "
                    + product + " elements, expected " + length + " (the parameter's length)");
        }
        return List.copyOf(dims);
    }

    /**
     * What writes this parameter's gradient before the rule reads it, or null: clipping and noise
     * write every gradient; a rule's centralisation writes those of the shapes it applies to.
     */
    private String gradientWriter(ParamGroup group, List<List<Integer>> shapes) {
        if (clip != null) {
            return "gradient clipping";
        }
        if (noise != null) {
            return "gradient noise";
        }
        Rule rule = group.rule();
        return rule.centralization().map(c -> shapes.stream().anyMatch(c::appliesTo)).orElse(false)
                ? rule.name() + "'s gradient centralisation" : null;
    }

    /** A new parameter's name: non-blank, not yet registered, and no step taken yet. */
    private void checkNewName(String name) {
        ensureOpen();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must be non-blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (steps > 0) {
            throw new IllegalStateException("parameter '" + name + "' must be registered before the first step(); "
                    + steps + " step(s) were taken (all parameters share one step counter)");
        }
        if (groupOfParam.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already registered");
        }
    }

    /**
     * Everything a registration checks of the memory after {@link #checkFloats}, before anything is
     * allocated. {@code what} names it ("parameter 'w'"); {@code writer} is what writes the gradient, or null.
     */
    private void checkRegistration(ParamGroup group, String what, MemorySegment value, MemorySegment grad, String writer) {
        if (value.isReadOnly()) {
            throw new IllegalArgumentException(what + " is a read-only segment; the optimizer writes to it");
        }
        long n = value.byteSize() / Float.BYTES;
        if (grad.byteSize() != value.byteSize()) {
            throw new IllegalArgumentException("gradient of " + what + " has " + grad.byteSize() / Float.BYTES
                    + " elements, expected " + n + " (the parameter's length)");
        }
        if (writer != null && grad.isReadOnly()) {
            throw new IllegalArgumentException("gradient of " + what + " is a read-only segment; " + writer + " writes to it");
        }
        if (overlaps(grad, value)) {
            throw new IllegalArgumentException("gradient of " + what + " overlaps the parameter itself");
        }
        for (ParamGroup g : groups.values()) {
            for (ParamGroup.Param p : g.params.values()) {
                if (overlaps(value, p.value()) || overlaps(value, p.grad())) {
                    throw new IllegalArgumentException(what + " overlaps the memory of registered parameter '"
                            + p.name() + "' or its gradient");
                }
                if (overlaps(grad, p.value())) {
                    throw new IllegalArgumentException("gradient of " + what + " overlaps registered parameter '"
                            + p.name() + "', which the optimizer writes");
                }
                if (writer != null && overlaps(grad, p.grad())) {
                    throw new IllegalArgumentException("gradient of " + what + " overlaps the gradient of '"
                            + p.name() + "'; " + writer + " would change the shared elements twice");
                }
                for (MemorySegment s : p.buffers().slots()) {
                    if (overlaps(grad, s) || overlaps(value, s)) {
                        throw new IllegalArgumentException(what + " or its gradient overlaps the state of '"
                                + p.name() + "'");
                    }
                }
            }
        }
    }

    private static void checkFloats(String what, MemorySegment s) {
        if (!s.scope().isAlive()) {
            throw new IllegalArgumentException(what + " belongs to a closed arena");
        }
        if (!s.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalArgumentException(what + " belongs to a confined arena of another thread; "
                    + "register and step it in the thread that owns the arena");
        }
        if (s.byteSize() % Float.BYTES != 0) {
            throw new IllegalArgumentException(what + " has " + s.byteSize() + " bytes, expected a multiple of 4 (float32 elements)");
        }
        if (s.maxByteAlignment() < Float.BYTES) {
            throw new IllegalArgumentException(what + " is aligned to " + s.maxByteAlignment()
                    + " byte(s), expected at least 4 (float32 elements)");
        }
    }

    private static boolean overlaps(MemorySegment a, MemorySegment b) {
        return a.byteSize() > 0 && b.byteSize() > 0 && a.asOverlappingSlice(b).isPresent();
    }

    /** {@link #checkUsable(String, MemorySegment)} of a parameter and its gradient, naming them only on failure (a per-step check). */
    private static void checkUsable(ParamGroup.Param p) {
        if (!usable(p.value())) {
            checkUsable("parameter '" + p.name() + "'", p.value());
        }
        if (!usable(p.grad())) {
            checkUsable("gradient of parameter '" + p.name() + "'", p.grad());
        }
    }

    private static boolean usable(MemorySegment s) {
        return s.scope().isAlive() && s.isAccessibleBy(Thread.currentThread());
    }

    /** A registered buffer this thread can read and write now: its arena is open and not confined to another thread. */
    static void checkUsable(String what, MemorySegment s) {
        if (!s.scope().isAlive()) {
            throw new IllegalStateException(what + " belongs to an arena that was closed");
        }
        if (!s.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalStateException(what + " belongs to a confined arena of another thread; "
                    + "this thread cannot access it");
        }
    }

    // ---------------------------------------------------------------- the step

    /**
     * Takes one step: reads every gradient (clipping writes it) and updates every parameter and
     * its state, or skips the step under {@link NonFinitePolicy#SKIP_STEP}.
     *
     * @return what the step did
     * @throws IllegalStateException if the optimizer is closed or in use by another thread, a
     *                               buffer's arena was closed, a schedule gives an invalid value,
     *                               or a gradient is not finite under {@link NonFinitePolicy#THROW};
     *                               nothing is written then
     */
    public StepReport step() {
        enter();
        try {
            return doStep();
        } finally {
            leave();
        }
    }

    private StepReport doStep() {
        ensureOpen();
        final long t = steps + 1;
        List<ParamGroup> gs = new ArrayList<>(groups.values());
        Map<String, Double> lrs = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        double[] lr = new double[gs.size()], initialLr = new double[gs.size()];
        for (int i = 0; i < gs.size(); i++) {
            ParamGroup g = gs.get(i);
            lr[i] = g.learningRateAt(steps);
            initialLr[i] = g.learningRateAt(0);
            rules.add(g.ruleAt(steps));
            lrs.put(g.name(), lr[i]);
        }
        StepWork w = work();
        for (ParamGroup.Param p : w.params) {
            checkUsable(p);
        }
        // Plans are pure (a rule may refuse its step here, e.g. AdaBound with a zero initial
        // learning rate), so they are made before anything is written.
        double[][] nextScalars = new double[gs.size()][];
        StepPlan[] plans = new StepPlan[gs.size()];
        for (int i = 0; i < gs.size(); i++) {
            nextScalars[i] = gs.get(i).scalars.clone();
            plans[i] = rules.get(i).plan(new StepContext(t, lr[i], initialLr[i], nextScalars[i]));
        }
        TransformKernels tk = kernels.transforms();
        boolean parallel = pool != null && w.shareable && w.elements >= parallelThreshold;
        if (nonFinite != NonFinitePolicy.PROPAGATE) {
            StepWork.GradChunk[] chunks = w.gradChunks;
            boolean[] finite = new boolean[chunks.length];
            run(parallel, chunks.length, i -> finite[i] = tk.allFinite(chunks[i].grad(), chunks[i].from(), chunks[i].to()));
            for (int i = 0; i < chunks.length; i++) {
                if (!finite[i]) {
                    String why = "the gradient of parameter '" + chunks[i].param().name() + "' has a NaN or infinite element";
                    if (nonFinite == NonFinitePolicy.THROW) {
                        throw new IllegalStateException(why + " (non-finite policy THROW); step " + t + " was not taken");
                    }
                    return new StepReport(t, false, lrs, OptionalDouble.empty(), Optional.of(why));
                }
            }
        }
        // Everything is checked; from here on the step writes.
        OptionalDouble norm = clip == null ? OptionalDouble.empty() : applyClip(w, tk, parallel);
        if (noise != null) {
            int i = 0;                          // registration order: the index keys each parameter's noise
            for (Map.Entry<String, ParamGroup> e : groupOfParam.entrySet()) {
                ParamGroup.Param p = e.getValue().params.get(e.getKey());
                noise.apply(p.grad(), p.length(), i++, steps);
            }
        }
        for (int i = 0; i < gs.size(); i++) {
            var c = rules.get(i).centralization();
            if (c.isPresent()) {
                centralize(w.groupParams[i], c.get(), tk, parallel);
            }
        }
        StepWork.Piece[][] updates = w.updates;
        run(parallel, updates.length, i -> {
            for (StepWork.Piece piece : updates[i]) {
                plans[piece.group()].apply(kernels, piece.buffers(), piece.from(), piece.to());
            }
        });
        for (StepWork.Piece whole : w.wholes) {
            StepPlan plan = plans[whole.group()];
            if (plan instanceof PartedPlan parted) {
                stepParts(parted, whole.buffers(), parallel);
            } else {
                plan.apply(kernels, whole.buffers(), whole.from(), whole.to());
            }
        }
        for (int i = 0; i < gs.size(); i++) {
            gs.get(i).scalars = nextScalars[i];
        }
        steps = t;
        return new StepReport(t, true, lrs, norm, Optional.empty());
    }

    /** The step's division into tasks, made once after the last registration. */
    private StepWork work() {
        if (work == null) {
            work = StepWork.of(List.copyOf(groups.values()));
        }
        return work;
    }

    /**
     * One whole parameter of a {@link PartedPlan}: its parts as tasks, then its finish here. A parameter of one
     * part, or any on one thread, runs without a task object (nothing allocated per parameter).
     */
    private void stepParts(PartedPlan plan, ParamBuffers b, boolean parallel) {
        long length = b.param().byteSize() / Float.BYTES, part = PartedPlan.checkedPartLength(plan, b);
        int count = PartedPlan.partCount(length, part);
        if (parallel && count > 1) {
            parts.set(plan, b, length, part);
            pool.run(count, parts);
        } else {
            for (int i = 0; i < count; i++) {
                stepPart(plan, b, length, part, i);
            }
        }
        plan.finish(b, count);
    }

    /** Part {@code i} of a parameter of {@code length} elements cut every {@code part}. */
    private void stepPart(PartedPlan plan, ParamBuffers b, long length, long part, int i) {
        long from = i * part;
        plan.part(kernels, b, from, PartedPlan.partEnd(length, part, from));
    }

    /**
     * The parts of the parameter being stepped as the pool's task: one object, set before each parameter's job,
     * so that a parameter's parts allocate nothing (a lambda would capture the five values anew). The pool
     * publishes the fields to its workers with the job; they keep the last parameter's references until the
     * next, which the optimizer holds anyway.
     */
    private final class Parts implements IntConsumer {
        private PartedPlan plan;
        private ParamBuffers buffers;
        private long length, part;

        void set(PartedPlan plan, ParamBuffers buffers, long length, long part) {
            this.plan = plan;
            this.buffers = buffers;
            this.length = length;
            this.part = part;
        }

        @Override
        public void accept(int i) {
            stepPart(plan, buffers, length, part, i);
        }
    }

    /** Runs tasks {@code [0, count)}: on the pool when {@code parallel}, else here, in order. */
    private void run(boolean parallel, int count, IntConsumer task) {
        if (parallel) {
            pool.run(count, task);
        } else {
            StepPool.runHere(count, task);
        }
    }

    /**
     * Ranger's gradient centralisation: each row of the leading dimension loses its mean (a task per parameter of
     * the group, those it does not apply to left as they are).
     */
    private void centralize(ParamGroup.Param[] params, dev.gradus.rules.Centralization c, TransformKernels tk, boolean parallel) {
        run(parallel, params.length, i -> {
            ParamGroup.Param p = params[i];
            if (!c.appliesTo(p.shape()) || p.length() == 0) {
                return;
            }
            long rows = p.shape().get(0), row = p.length() / rows;
            for (long r = 0; r < rows; r++) {
                long from = r * row, to = from + row;
                // mean ← ⟨Σ g / row⟩ in double, rounded once; g ← g + (−mean)
                float mean = (float) (tk.sum(p.grad(), from, to) / row);
                tk.add(p.grad(), from, to, -mean);
            }
        });
    }

    /** Clips every gradient; the norm's chunk sums are combined in the fixed order of {@link StepWork#gradChunks}. */
    private OptionalDouble applyClip(StepWork w, TransformKernels tk, boolean parallel) {
        StepWork.GradChunk[] chunks = w.gradChunks;
        if (clip instanceof GradientClip.Value v) {
            float c = (float) v.clipValue();
            run(parallel, chunks.length, i -> tk.clamp(chunks[i].grad(), chunks[i].from(), chunks[i].to(), -c, c));
            return OptionalDouble.empty();
        }
        GradientClip.Norm n = (GradientClip.Norm) clip;
        float total;
        if (n.infinity()) {
            float[] max = w.chunkMax;
            run(parallel, chunks.length, i -> max[i] = tk.maxAbs(chunks[i].grad(), chunks[i].from(), chunks[i].to()));
            total = 0f;
            for (float m : max) {
                total = Math.max(total, m);
            }
        } else {
            double[] sums = w.chunkSums;
            run(parallel, chunks.length, i -> sums[i] = tk.sumOfSquares(chunks[i].grad(), chunks[i].from(), chunks[i].to()));
            double sum = 0;
            for (double s : sums) {
                sum += s;
            }
            total = (float) Math.sqrt(sum);
        }
        // c = (1/(N + ⟨1e-6⟩))·⟨maxNorm⟩ in float, clamped to 1 (torch's clip_grad_norm_)
        float c = Math.min((1f / (total + 1e-6f)) * (float) n.maxNorm(), 1f);
        if (Float.floatToRawIntBits(c) != Float.floatToRawIntBits(1f)) {
            run(parallel, chunks.length, i -> tk.scale(chunks[i].grad(), chunks[i].from(), chunks[i].to(), c));
        }
        return OptionalDouble.of(total);
    }

    // ---------------------------------------------------------------- queries

    /** Steps taken so far (skipped steps do not count). */
    public long stepCount() {
        return steps;
    }

    /** The learning rate the next {@link #step()} will use in the default group. */
    public double learningRate() {
        return group(DEFAULT_GROUP).learningRate();
    }

    /** The default group's rule. */
    public Rule rule() {
        return group(DEFAULT_GROUP).rule();
    }

    /** A group by name. */
    public ParamGroup group(String name) {
        ParamGroup g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no group named '" + name + "'; groups: " + groups.keySet());
        }
        return g;
    }

    /** Group names, in definition order. */
    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /** The kernels this optimizer runs. */
    public UpdateKernels kernels() {
        return kernels;
    }

    /** The non-finite gradient policy. */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinite;
    }

    /** The gradient noise, if any. */
    public Optional<GradientNoise> gradientNoise() {
        return Optional.ofNullable(noise);
    }

    /** The gradient clipping, if any. */
    public Optional<GradientClip> clip() {
        return Optional.ofNullable(clip);
    }

    /** Registered parameter names over all groups, in registration order. */
    public List<String> parameterNames() {
        return List.copyOf(groupOfParam.keySet());
    }

    /** The state slot names of the default group's rule. */
    public List<String> slotNames() {
        return rule().slotNames();
    }

    /** The default group's scalar state after the last step, by {@link Rule#scalarNames()}. */
    public Map<String, Double> scalarState() {
        return scalarState(DEFAULT_GROUP);
    }

    /** A group's scalar state after the last step, by {@link Rule#scalarNames()}. */
    public Map<String, Double> scalarState(String groupName) {
        ParamGroup g = group(groupName);
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> names = g.rule().scalarNames();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), g.scalars[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** One parameter's scalar state after the last step, by {@link Rule#parameterScalarNames()}. */
    public Map<String, Double> parameterScalars(String param) {
        ParamGroup g = groupOfParam.get(param);
        if (g == null) {
            throw new IllegalArgumentException("no parameter named '" + param + "'; registered: " + groupOfParam.keySet());
        }
        double[] values = g.params.get(param).buffers().scalars();
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> names = g.rule().parameterScalarNames();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** A read-only view of one state slot of one parameter. */
    public MemorySegment slot(String param, String slot) {
        ensureOpen();
        ParamGroup g = groupOfParam.get(param);
        if (g == null) {
            throw new IllegalArgumentException("no parameter named '" + param + "'; registered: " + groupOfParam.keySet());
        }
        int i = g.rule().slotNames().indexOf(Check.notNull("slot name", slot));
        if (i < 0) {
            throw new IllegalArgumentException("rule " + g.rule().name() + " has no slot '" + slot + "'; its slots: " + g.rule().slotNames());
        }
        return g.params.get(param).buffers().slot(i).asReadOnly();
    }

    /** A copy of one state slot of one parameter. */
    public float[] slotValues(String param, String slot) {
        return slot(param, slot).toArray(ValueLayout.JAVA_FLOAT);
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * Writes a checkpoint to {@code file}, crash-safely: the bytes go to a temporary file in the
     * same directory, which is flushed, forced to the device and atomically renamed over
     * {@code file}. A crash or failure at any point leaves either the old file or the new one.
     *
     * @throws IllegalStateException if the optimizer is closed or in use by another thread, or a
     *                               parameter's arena is closed or confined to another thread
     * @throws IOException           if the file cannot be written; the old file is then unchanged
     */
    public void save(Path file) throws IOException {
        save(file, AtomicFile.NONE);
    }

    /** {@link #save(Path)} with a hook at each stage of the atomic write (tests fail there). */
    void save(Path file, AtomicFile.Hook hook) throws IOException {
        Check.notNull("checkpoint file", file);
        enter();
        try {
            checkSavable();
            AtomicFile.write(file, out -> CheckpointWriter.write(this, out), hook);
        } finally {
            leave();
        }
    }

    /**
     * Writes a checkpoint to {@code out}, flushes it and leaves it open. Exactly the checkpoint's
     * bytes are written, so several checkpoints (or other data) can follow each other in a stream.
     *
     * @throws IllegalStateException as {@link #save(Path)}
     * @throws IOException           if the stream fails (it may then hold part of a checkpoint,
     *                               which {@link #load(InputStream)} rejects)
     */
    public void save(OutputStream out) throws IOException {
        Check.notNull("checkpoint stream", out);
        enter();
        try {
            checkSavable();
            CheckpointWriter.write(this, out);
        } finally {
            leave();
        }
    }

    private void checkSavable() {
        ensureOpen();
        for (ParamGroup.Param p : paramsInOrder()) {
            checkUsable("parameter '" + p.name() + "'", p.value());
        }
    }

    /** {@link #load(Path, LoadOptions)} with {@link LoadOptions#strict()}. */
    public void load(Path file) throws IOException {
        load(file, LoadOptions.strict());
    }

    /**
     * Restores the state saved in {@code file} into this optimizer: the step counter, every
     * registered parameter's values, slots and scalar state, and every group's scalar state. The
     * optimizer must be built with the same groups, rules and schedules and have the same
     * parameters registered (name, group, length and shape); unless {@code options} override
     * hyperparameters, every hyperparameter, schedule, the clipping and the non-finite policy must
     * also match. The whole file is read and verified (magic number, version, length, CRC32C,
     * structure) and compared with this optimizer before anything is written; a load that throws
     * leaves the optimizer exactly as it was.
     *
     * @throws IllegalArgumentException if the file is not a valid checkpoint or does not match this
     *                                  optimizer; the message says what and where
     * @throws IllegalStateException    if the optimizer is closed or in use by another thread, or a
     *                                  registered parameter's arena is closed or confined to another thread
     * @throws IOException              if the file cannot be read
     */
    public void load(Path file, LoadOptions options) throws IOException {
        Check.notNull("checkpoint file", file);
        Check.notNull("load options", options);
        enter();
        try {
            ensureOpen();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                 StagedCheckpoint staged = StagedCheckpoint.read(ch, ch.size())) {
                restore(staged, options);
            }
        } finally {
            leave();
        }
    }

    /** {@link #load(InputStream, LoadOptions)} with {@link LoadOptions#strict()}. */
    public void load(InputStream in) throws IOException {
        load(in, LoadOptions.strict());
    }

    /**
     * As {@link #load(Path, LoadOptions)}, from a stream: reads exactly one checkpoint's bytes and
     * leaves the stream open after them. A stream that ends early is a truncated checkpoint.
     */
    public void load(InputStream in, LoadOptions options) throws IOException {
        Check.notNull("checkpoint stream", in);
        Check.notNull("load options", options);
        enter();
        try {
            ensureOpen();
            try (StagedCheckpoint staged = StagedCheckpoint.read(Channels.newChannel(in), -1)) {
                restore(staged, options);
            }
        } finally {
            leave();
        }
    }

    private void restore(StagedCheckpoint staged, LoadOptions options) {
        CheckpointRestore.check(this, staged.image(), options);
        // Everything is checked; from here on the load writes.
        CheckpointRestore.commit(this, staged);
    }

    /**
     * Frees the off-heap state. The optimizer cannot step afterwards; heap parameters are untouched.
     *
     * @throws IllegalStateException if parameters in a confined arena were registered and this is not
     *                               their thread, which owns their state too (nothing is freed then;
     *                               close it in that thread)
     */
    @Override
    public void close() {
        enter();
        try {
            if (!closed) {
                if (confinedArena != null && confinedOwner != Thread.currentThread()) {
                    throw new IllegalStateException("close() runs in thread '" + Thread.currentThread().getName()
                            + "', but the state of the parameters in a confined arena belongs to thread '"
                            + confinedOwner.getName() + "'; close the optimizer there");
                }
                closed = true;
                arena.close();
                if (confinedArena != null) {
                    confinedArena.close();
                }
            }
        } finally {
            leave();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the optimizer is closed");
        }
    }

    private void enter() {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("the optimizer is already in use by another thread (step, register, save, load or close); "
                    + "an Optimizer must be used from one thread at a time");
        }
    }

    private void leave() {
        busy.set(false);
    }

    // package-private access for checkpoints
    Map<String, ParamGroup> groupMap() {
        return groups;
    }

    /** Every parameter, in registration order. */
    List<ParamGroup.Param> paramsInOrder() {
        List<ParamGroup.Param> out = new ArrayList<>();
        for (Map.Entry<String, ParamGroup> e : groupOfParam.entrySet()) {
            out.add(e.getValue().params.get(e.getKey()));
        }
        return out;
    }

    /** The group of a registered parameter, or null. */
    ParamGroup groupOf(String param) {
        return groupOfParam.get(param);
    }

    void restore(long steps) {
        this.steps = steps;
    }
}
