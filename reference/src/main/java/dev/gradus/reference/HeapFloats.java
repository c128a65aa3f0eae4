package dev.gradus.reference;

import java.lang.foreign.MemorySegment;

/**
 * Heap segments over {@code float[]} seen as the array and an index into it, so that kernels can
 * read and write them as arrays ({@code a[i]}, {@code FloatVector.fromArray}) rather than through
 * the segment.
 *
 * <p>Why: the JDK's segment access code is shared by every caller, and C2 specialises it by the
 * segment classes it has seen. Once a JVM has stepped kernels over both heap and native segments
 * (an optimizer over {@code float[]} parameters and another over native memory, say), that code has
 * seen both; kernels compiled afterwards then ran far slower: the vector Adam kernel over native
 * memory about 200 times (recompiled again and again, 0.8 MB of garbage per 8192-float step, without
 * recovering), the scalar one 5 to 500 times (JDK 25; {@code MemoryKindsBench}). Array accesses do
 * not go through that code, so with heap buffers taken as arrays the segment code sees native
 * memory only. The JDK's foreign-memory work tracks such profile pollution (e.g. JDK-8256477).
 *
 * <p>A segment qualifies if it is a writable heap segment over a {@code float[]} at a whole float
 * offset. Every kernel of both twins takes its array loop only when every buffer of the call
 * qualifies (a call that mixes kinds takes the segment loop, as before) and, in the scalar
 * reference, the range is not empty. Both loops do the same float operations in the same order:
 * the same bits.
 */
public final class HeapFloats {

    private HeapFloats() {
    }

    /** Whether {@code s} is a writable heap segment over a {@code float[]} starting at a whole element. */
    public static boolean of(MemorySegment s) {
        return !s.isNative() && (s.address() & 3) == 0 && s.heapBase().orElse(null) instanceof float[];
    }

    public static boolean of(MemorySegment a, MemorySegment b) {
        return of(a) && of(b);
    }

    public static boolean of(MemorySegment a, MemorySegment b, MemorySegment c) {
        return of(a) && of(b) && of(c);
    }

    public static boolean of(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d) {
        return of(a) && of(b) && of(c) && of(d);
    }

    public static boolean of(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d, MemorySegment e) {
        return of(a) && of(b) && of(c) && of(d) && of(e);
    }

    /** The array under {@code s}, for which {@link #of(MemorySegment)} holds. */
    public static float[] array(MemorySegment s) {
        return (float[]) s.heapBase().orElseThrow();
    }

    /** The index in {@link #array} of element 0 of {@code s}: a heap segment's address is its byte offset in the array. */
    public static int base(MemorySegment s) {
        return (int) (s.address() >>> 2);
    }
}
