package dev.gradus.rules;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * A parameter, its gradient, its state slots (in the order of {@link Rule#slotNames()}), all
 * float32 segments of one length, and its per-parameter scalar state (in the order of
 * {@link Rule#parameterScalarNames()}), which a plan may update in place.
 *
 * <p>A value class with a record's accessors, equality and string form. It is not a record so that
 * {@link #firstSlots} can keep the view it made: a wrapping rule (Lookahead) asks for it on every step
 * of every parameter, and a new view each time was a step's only allocation per parameter (48 bytes).
 */
public final class ParamBuffers {

    private final MemorySegment param;
    private final MemorySegment grad;
    private final List<MemorySegment> slots;
    private final double[] scalars;
    /** The last {@link #firstSlots} view made; immutable, so a racy read sees it whole or null. */
    private ParamBuffers first;

    public ParamBuffers(MemorySegment param, MemorySegment grad, List<MemorySegment> slots, double[] scalars) {
        this.param = param;
        this.grad = grad;
        this.slots = List.copyOf(slots);
        this.scalars = Check.notNull("scalars", scalars);
    }

    /** Buffers of a rule without per-parameter scalar state. */
    public ParamBuffers(MemorySegment param, MemorySegment grad, List<MemorySegment> slots) {
        this(param, grad, slots, new double[0]);
    }

    public MemorySegment param() {
        return param;
    }

    public MemorySegment grad() {
        return grad;
    }

    public List<MemorySegment> slots() {
        return slots;
    }

    /** The scalars themselves, not a copy: a plan updates them in place. */
    public double[] scalars() {
        return scalars;
    }

    public MemorySegment slot(int i) {
        return slots.get(i);
    }

    /**
     * The same parameter, gradient and scalars with the first {@code count} slots (a wrapped rule's own).
     * The view is made once and kept (for the last {@code count} asked).
     */
    public ParamBuffers firstSlots(int count) {
        ParamBuffers f = first;
        if (f == null || f.slots.size() != count) {
            f = new ParamBuffers(param, grad, slots.subList(0, count), scalars);
            first = f;
        }
        return f;
    }

    /** Equal when every component is (the scalars by identity, as a record compares an array). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ParamBuffers b && Objects.equals(param, b.param) && Objects.equals(grad, b.grad) && slots.equals(b.slots)
                && scalars == b.scalars;
    }

    @Override
    public int hashCode() {
        return Objects.hash(param, grad, slots, System.identityHashCode(scalars));
    }

    @Override
    public String toString() {
        return "ParamBuffers[param=" + param + ", grad=" + grad + ", slots=" + slots + ", scalars=" + scalars + "]";
    }
}
