package dev.gradus.rules;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A parameter, its gradient and its state slots (in the order of {@link Rule#slotNames()}),
 * all float32 segments of one length.
 */
public record ParamBuffers(MemorySegment param, MemorySegment grad, List<MemorySegment> slots) {
    public ParamBuffers {
        slots = List.copyOf(slots);
    }

    public MemorySegment slot(int i) {
        return slots.get(i);
    }

    /** The same parameter and gradient with the first {@code count} slots (a wrapped rule's own). */
    public ParamBuffers firstSlots(int count) {
        return new ParamBuffers(param, grad, slots.subList(0, count));
    }
}
