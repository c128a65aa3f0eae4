package dev.gradus.rules;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A parameter, its gradient, its state slots (in the order of {@link Rule#slotNames()}), all
 * float32 segments of one length, and its per-parameter scalar state (in the order of
 * {@link Rule#parameterScalarNames()}), which a plan may update in place.
 */
public record ParamBuffers(MemorySegment param, MemorySegment grad, List<MemorySegment> slots, double[] scalars) {
    public ParamBuffers {
        slots = List.copyOf(slots);
        Check.notNull("scalars", scalars);
    }

    /** Buffers of a rule without per-parameter scalar state. */
    public ParamBuffers(MemorySegment param, MemorySegment grad, List<MemorySegment> slots) {
        this(param, grad, slots, new double[0]);
    }

    public MemorySegment slot(int i) {
        return slots.get(i);
    }

    /** The same parameter, gradient and scalars with the first {@code count} slots (a wrapped rule's own). */
    public ParamBuffers firstSlots(int count) {
        return new ParamBuffers(param, grad, slots.subList(0, count), scalars);
    }
}
