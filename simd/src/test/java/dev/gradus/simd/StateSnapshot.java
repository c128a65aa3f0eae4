package dev.gradus.simd;

import dev.gradus.Optimizer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an optimizer call may change, by raw bits: step counter, each group's scalar state,
 * each parameter's values, gradient, slots and scalar state. Two snapshots are equal when every
 * bit is.
 */
final class StateSnapshot {

    private final Map<String, long[]> entries;

    private StateSnapshot(Map<String, long[]> entries) {
        this.entries = entries;
    }

    /**
     * @param values the registered parameters' memory, by name
     * @param grads  their gradients, by name (may be a subset)
     */
    static StateSnapshot of(Optimizer opt, Map<String, MemorySegment> values, Map<String, MemorySegment> grads) {
        return of(opt, values, grads, false);
    }

    /** As {@link #of(Optimizer, Map, Map)}; with {@code canonicalNaN} every NaN counts as one value (as across kernel sets). */
    static StateSnapshot of(Optimizer opt, Map<String, MemorySegment> values, Map<String, MemorySegment> grads, boolean canonicalNaN) {
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("stepCount", new long[] {opt.stepCount()});
        for (String g : opt.groupNames()) {
            e.put("scalars of group " + g, doubles(opt.scalarState(g).values().stream().mapToDouble(Double::doubleValue).toArray(),
                    canonicalNaN));
            for (String p : opt.group(g).parameterNames()) {
                e.put("value of " + p, floats(values.get(p), canonicalNaN));
                if (grads.containsKey(p)) {
                    e.put("gradient of " + p, floats(grads.get(p), canonicalNaN));
                }
                for (String slot : opt.group(g).rule().slotNames()) {
                    e.put("slot " + slot + " of " + p, floats(opt.slot(p, slot), canonicalNaN));
                }
                e.put("scalars of " + p, doubles(opt.parameterScalars(p).values().stream().mapToDouble(Double::doubleValue).toArray(),
                        canonicalNaN));
            }
        }
        return new StateSnapshot(e);
    }

    /** Only the memory the caller owns (for a closed optimizer, whose slots cannot be read). */
    static StateSnapshot ofBuffers(Map<String, MemorySegment> buffers) {
        Map<String, long[]> e = new LinkedHashMap<>();
        buffers.forEach((name, s) -> e.put(name, s.scope().isAlive() ? floats(s, false) : new long[] {-1}));
        return new StateSnapshot(e);
    }

    static long[] floats(MemorySegment s, boolean canonicalNaN) {
        if (s == null) {
            return new long[] {-2};
        }
        long n = s.byteSize() / Float.BYTES;
        long[] out = new long[Math.toIntExact(n)];
        for (int i = 0; i < n; i++) {
            float f = s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
            out[i] = canonicalNaN ? Float.floatToIntBits(f) : Float.floatToRawIntBits(f);
        }
        return out;
    }

    private static long[] doubles(double[] d, boolean canonicalNaN) {
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = canonicalNaN ? Double.doubleToLongBits(d[i]) : Double.doubleToRawLongBits(d[i]);
        }
        return out;
    }

    /** The first difference, or null. */
    String differenceFrom(StateSnapshot expected) {
        if (!entries.keySet().equals(expected.entries.keySet())) {
            return "entries " + entries.keySet() + ", expected " + expected.entries.keySet();
        }
        for (var en : expected.entries.entrySet()) {
            long[] a = en.getValue(), b = entries.get(en.getKey());
            if (!Arrays.equals(a, b)) {
                int i = Arrays.mismatch(a, b);
                return en.getKey() + " differs at element " + i + " (of " + a.length + "): 0x"
                        + (i < a.length ? Long.toHexString(a[i]) : "end") + " expected, 0x" + (i < b.length ? Long.toHexString(b[i]) : "end");
            }
        }
        return null;
    }

    void assertSameAs(StateSnapshot expected, String what) {
        String d = differenceFrom(expected);
        if (d != null) {
            throw new AssertionError(what + ": " + d);
        }
    }

    List<String> keys() {
        return List.copyOf(entries.keySet());
    }
}
