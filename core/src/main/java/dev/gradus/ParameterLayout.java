package dev.gradus;

import dev.gradus.rules.Check;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many named parameters packed back to back in one flat block of float32 elements, in the order
 * they were added, without gaps. Register a block of values and a block of gradients in this
 * layout ({@link Optimizer#register(ParameterLayout, MemorySegment, MemorySegment)}): each
 * parameter is then a view of the blocks, its state is laid out the same way, and a step runs each
 * kernel once over the whole block instead of once per parameter.
 *
 * <pre>{@code
 * ParameterLayout layout = ParameterLayout.builder().add("w1", 64, 784).add("b1", 64).add("w2", 10, 64).build();
 * MemorySegment values = arena.allocate(layout.bytes(), 64), grads = arena.allocate(layout.bytes(), 64);
 * MemorySegment w1 = layout.view(values, "w1");         // the model reads and writes its views
 * opt.register(layout, values, grads);
 * }</pre>
 */
public final class ParameterLayout {

    private record Entry(long offset, int[] shape, long length) {
    }

    private final Map<String, Entry> entries;
    private final long size;

    private ParameterLayout(Map<String, Entry> entries, long size) {
        this.entries = entries;
        this.size = size;
    }

    /** An empty layout to add parameters to. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds parameters in order. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private long size;

        private Builder() {
        }

        /** Adds a parameter of this shape (row-major; no dimensions: a scalar of one element) after the last one. */
        public Builder add(String name, int... shape) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter name must be non-blank, got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is already in the layout");
            }
            Check.notNull("shape of parameter '" + name + "'", shape);
            long length = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("shape of parameter '" + name + "' has a negative dimension: " + Arrays.toString(shape));
                }
                length = Math.multiplyExact(length, d);
            }
            entries.put(name, new Entry(size, shape.clone(), length));
            size = Math.addExact(size, length);
            return this;
        }

        /** The layout. */
        public ParameterLayout build() {
            return new ParameterLayout(Collections.unmodifiableMap(new LinkedHashMap<>(entries)), size);
        }
    }

    /** Parameter names, in block order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Elements in the block. */
    public long size() {
        return size;
    }

    /** Bytes in the block. */
    public long bytes() {
        return size * Float.BYTES;
    }

    /** First element of a parameter in the block. */
    public long offset(String name) {
        return entry(name).offset();
    }

    /** Elements of a parameter. */
    public long length(String name) {
        return entry(name).length();
    }

    /** The shape a parameter was added with. */
    public int[] shape(String name) {
        return entry(name).shape().clone();
    }

    /** A parameter's elements in {@code block}, which must hold {@link #size()} floats. */
    public MemorySegment view(MemorySegment block, String name) {
        Check.notNull("block", block);
        if (block.byteSize() != bytes()) {
            throw new IllegalArgumentException("block has " + block.byteSize() + " bytes, expected " + bytes() + " (" + size + " floats)");
        }
        Entry e = entry(name);
        return block.asSlice(e.offset() * Float.BYTES, e.length() * Float.BYTES);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "' in the layout; its parameters: " + entries.keySet());
        }
        return e;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        entries.forEach((n, e) -> parts.add(n + Arrays.toString(e.shape())));
        return "ParameterLayout" + parts + " (" + size + " floats)";
    }
}
