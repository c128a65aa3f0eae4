package dev.gradus;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Check;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one update {@link Rule} to a set of named float32 parameters, step after step.
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
 * <p><b>State.</b> Every parameter gets the rule's state slots ({@link Rule#slotNames()}) when it is
 * registered: {@code float[]} on the heap for {@code float[]} parameters, and 64-byte-aligned
 * memory in an arena the optimizer owns (freed by {@link #close()}) for {@link MemorySegment}
 * parameters. Slots can be read by name, never written from outside. All parameters share one
 * step counter, so they must be registered before the first {@link #step()}.
 *
 * <p><b>Failure atomicity.</b> Registration and {@link #step()} validate everything before they
 * write anything: a call that throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} leaves every parameter, slot and counter as it was.
 *
 * <p><b>Threads.</b> An optimizer is not thread-safe: use one from one thread at a time.
 *
 * <p><b>Kernels.</b> By default the kernels chosen by {@link Kernels#selected()}: the vector
 * twins when the JVM can run them, else the scalar reference. Both give the same bits.
 */
public final class Optimizer implements AutoCloseable {

    private final Rule rule;
    private final Schedule learningRate;
    private final UpdateKernels kernels;
    private final Arena arena = Arena.ofShared();
    private final Map<String, Param> params = new LinkedHashMap<>();
    private double[] scalars;
    private long steps;
    private boolean closed;

    private record Param(String name, MemorySegment value, MemorySegment grad, ParamBuffers buffers, long length) {
    }

    private Optimizer(Rule rule, Schedule learningRate, UpdateKernels kernels) {
        this.rule = rule;
        this.learningRate = learningRate;
        this.kernels = kernels;
        this.scalars = rule.initialScalars().clone();
    }

    /** Starts an optimizer for {@code rule}. */
    public static Builder builder(Rule rule) {
        return new Builder(Check.notNull("rule", rule));
    }

    /** Configures an {@link Optimizer}. */
    public static final class Builder {
        private final Rule rule;
        private Schedule learningRate;
        private UpdateKernels kernels;

        private Builder(Rule rule) {
            this.rule = rule;
        }

        /** A constant learning rate: finite and {@code >= 0}. */
        public Builder learningRate(double lr) {
            Check.nonNegative("learningRate", lr);
            this.learningRate = Schedule.constant(lr);
            return this;
        }

        /** A scheduled learning rate; each step checks that its value is finite and {@code >= 0}. */
        public Builder learningRate(Schedule schedule) {
            this.learningRate = Check.notNull("learningRate schedule", schedule);
            return this;
        }

        /** Kernels to use instead of {@link Kernels#selected()} (tests and benchmarks compare the two). */
        public Builder kernels(UpdateKernels kernels) {
            this.kernels = Check.notNull("kernels", kernels);
            return this;
        }

        /** The optimizer; without a learning rate, the rule's default (SGD has none: then it throws). */
        public Optimizer build() {
            Schedule lr = learningRate;
            if (lr == null) {
                var def = rule.defaultLearningRate();
                if (def.isEmpty()) {
                    throw new IllegalArgumentException("learningRate must be set for " + rule.name()
                            + ": the rule has no default learning rate");
                }
                lr = Schedule.constant(def.getAsDouble());
            }
            return new Optimizer(rule, lr, kernels != null ? kernels : Kernels.selected());
        }
    }

    /** Registers a heap parameter; {@code grad} is read at every {@link #step()}. */
    public Optimizer register(String name, float[] value, float[] grad) {
        Check.notNull("value of parameter '" + name + "'", value);
        Check.notNull("gradient of parameter '" + name + "'", grad);
        return register(name, MemorySegment.ofArray(value), MemorySegment.ofArray(grad), true);
    }

    /**
     * Registers a parameter held in float32 segments (native byte order) of the same length; its
     * state lives off-heap in this optimizer's arena.
     */
    public Optimizer register(String name, MemorySegment value, MemorySegment grad) {
        Check.notNull("value of parameter '" + name + "'", value);
        Check.notNull("gradient of parameter '" + name + "'", grad);
        return register(name, value, grad, false);
    }

    private Optimizer register(String name, MemorySegment value, MemorySegment grad, boolean heapState) {
        ensureOpen();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must be non-blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (steps > 0) {
            throw new IllegalStateException("parameter '" + name + "' must be registered before the first step(); "
                    + steps + " step(s) were taken (all parameters share one step counter)");
        }
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already registered");
        }
        checkFloats("parameter '" + name + "'", value);
        checkFloats("gradient of parameter '" + name + "'", grad);
        if (value.isReadOnly()) {
            throw new IllegalArgumentException("parameter '" + name + "' is a read-only segment; the optimizer writes to it");
        }
        long n = value.byteSize() / Float.BYTES;
        if (grad.byteSize() != value.byteSize()) {
            throw new IllegalArgumentException("gradient of parameter '" + name + "' has " + grad.byteSize() / Float.BYTES
                    + " elements, expected " + n + " (the parameter's length)");
        }
        if (overlaps(grad, value)) {
            throw new IllegalArgumentException("gradient of parameter '" + name + "' overlaps the parameter itself");
        }
        for (Param p : params.values()) {
            if (overlaps(value, p.value()) || overlaps(value, p.grad())) {
                throw new IllegalArgumentException("parameter '" + name + "' overlaps the memory of registered parameter '"
                        + p.name() + "' or its gradient");
            }
            if (overlaps(grad, p.value())) {
                throw new IllegalArgumentException("gradient of parameter '" + name + "' overlaps registered parameter '"
                        + p.name() + "', which the optimizer writes");
            }
            for (MemorySegment s : p.buffers().slots()) {
                if (overlaps(grad, s) || overlaps(value, s)) {
                    throw new IllegalArgumentException("parameter '" + name + "' or its gradient overlaps the state of '"
                            + p.name() + "'");
                }
            }
        }
        List<MemorySegment> slots = new ArrayList<>();
        for (String slot : rule.slotNames()) {
            MemorySegment s = heapState ? MemorySegment.ofArray(new float[Math.toIntExact(n)])
                    : arena.allocate(Math.max(value.byteSize(), 0), 64);
            float init = rule.initialSlotValue(slot);
            if (init != 0f || Float.floatToRawIntBits(init) != 0 || !heapState) {
                for (long i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_FLOAT, i, init);
                }
            }
            slots.add(s);
        }
        params.put(name, new Param(name, value, grad, new ParamBuffers(value, grad, slots), n));
        return this;
    }

    private static void checkFloats(String what, MemorySegment s) {
        if (!s.scope().isAlive()) {
            throw new IllegalArgumentException(what + " belongs to a closed arena");
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

    /**
     * Takes one step: reads every gradient and updates every parameter and its state.
     *
     * @throws IllegalStateException if the optimizer is closed, a parameter's or gradient's arena
     *                               was closed, or the schedule gives a learning rate that is not
     *                               finite and {@code >= 0}; nothing is written then
     */
    public void step() {
        ensureOpen();
        long t = steps + 1;
        double lr = scheduled(steps);
        double initialLr = scheduled(0);
        for (Param p : params.values()) {
            if (!p.value().scope().isAlive()) {
                throw new IllegalStateException("parameter '" + p.name() + "' belongs to an arena that was closed");
            }
            if (!p.grad().scope().isAlive()) {
                throw new IllegalStateException("gradient of parameter '" + p.name() + "' belongs to an arena that was closed");
            }
        }
        double[] next = scalars.clone();
        StepPlan plan = rule.plan(new StepContext(t, lr, initialLr, next));
        for (Param p : params.values()) {
            plan.apply(kernels, p.buffers(), 0, p.length());
        }
        scalars = next;
        steps = t;
    }

    private double scheduled(long completed) {
        double lr = learningRate.valueAt(completed);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException("learning rate of step " + (completed + 1) + " from the schedule must be finite and >= 0, got " + lr);
        }
        return lr;
    }

    /** Steps taken so far. */
    public long stepCount() {
        return steps;
    }

    /** The learning rate the next {@link #step()} will use. */
    public double learningRate() {
        return learningRate.valueAt(steps);
    }

    /** The rule. */
    public Rule rule() {
        return rule;
    }

    /** The kernels this optimizer runs. */
    public UpdateKernels kernels() {
        return kernels;
    }

    /** Registered parameter names, in registration order. */
    public List<String> parameterNames() {
        return List.copyOf(params.keySet());
    }

    /** The rule's state slot names (the same for every parameter). */
    public List<String> slotNames() {
        return rule.slotNames();
    }

    /** The rule's scalar state after the last step, by {@link Rule#scalarNames()}. */
    public Map<String, Double> scalarState() {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> names = rule.scalarNames();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), scalars[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** A read-only view of one state slot of one parameter. */
    public MemorySegment slot(String param, String slot) {
        ensureOpen();
        Param p = params.get(param);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + param + "'; registered: " + params.keySet());
        }
        int i = rule.slotNames().indexOf(slot);
        if (i < 0) {
            throw new IllegalArgumentException("rule " + rule.name() + " has no slot '" + slot + "'; its slots: " + rule.slotNames());
        }
        return p.buffers().slot(i).asReadOnly();
    }

    /** A copy of one state slot of one parameter. */
    public float[] slotValues(String param, String slot) {
        return slot(param, slot).toArray(ValueLayout.JAVA_FLOAT);
    }

    /** Frees the off-heap state. The optimizer cannot step afterwards; heap parameters are untouched. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the optimizer is closed");
        }
    }
}
