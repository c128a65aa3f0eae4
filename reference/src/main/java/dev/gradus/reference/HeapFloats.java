package dev.gradus.reference;

import java.lang.foreign.MemorySegment;

/**
 * Heap segments over {@code float[]} seen as the array and an index into it, so that the scalar
 * reference can read and write them as {@code a[i]} rather than through the segment.
 *
 * <p>Why: the JDK's segment access code is shared by every caller, and C2 specialises it by the
 * segment classes its type profile has seen. Once a JVM has run kernels over both heap and native
 * segments (an optimizer over {@code float[]} parameters and another over native memory, say), that
 * profile holds both, and the scalar kernels compiled against it ran slower: an Adam step over 65545
 * floats 12 times on {@code float[]} and 3 times on native memory ({@code MemoryKindsBench}, JDK 25).
 * Array accesses do not go through that code, so with heap buffers taken as arrays the segment code
 * sees native memory only. (The JDK's foreign-memory work tracks such profile pollution, e.g.
 * JDK-8256477.) The SIMD kernels still take both kinds through segments (see the README's
 * performance section), and so do their scalar tails, which call the segment loops directly: with
 * this dispatch in their tails, a SIMD step over {@code float[]} after native steps ran 5.8 times
 * slower than without it ({@code MemoryKindsBench}: 338 against 59 µs).
 *
 * <p>A segment qualifies if it is a writable heap segment over a {@code float[]} at a whole float
 * offset. Each scalar kernel takes its array loop only when every buffer of the call qualifies and
 * the range is not empty; otherwise its segment loop, which is the same statements over the
 * segments: both give the same bits.
 */
final class HeapFloats {

    /** The class of the heap segments over a {@code float[]}, writable or read-only (one class in the JDK). */
    private static final Class<?> OVER_FLOATS = MemorySegment.ofArray(new float[0]).getClass();

    private HeapFloats() {
    }

    /** Whether {@code s} is a writable heap segment over a {@code float[]} starting at a whole element. */
    static boolean of(MemorySegment s) {
        // The class first: past that test C2 knows the receiver's class and inlines heapBase() whatever
        // the call's type profile holds. Asked through the interface, after native and mapped segments had
        // passed here too, the call was compiled virtual and allocated its Optional every time: 64–128 bytes
        // a scalar Adam call over float[] (the performance history, session 22; SegmentKindsAllocationCheck).
        // C2 can still leave the JDK's heapBase() out of line where it deems the call cold (array() inlined
        // into an array loop), so this makes the allocation rarer, not impossible.
        return s.getClass() == OVER_FLOATS && s.heapBase().orElse(null) instanceof float[] && (s.address() & 3) == 0;
    }

    static boolean of(MemorySegment a, MemorySegment b) {
        return of(a) && of(b);
    }

    static boolean of(MemorySegment a, MemorySegment b, MemorySegment c) {
        return of(a) && of(b) && of(c);
    }

    static boolean of(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d) {
        return of(a) && of(b) && of(c) && of(d);
    }

    static boolean of(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d, MemorySegment e) {
        return of(a) && of(b) && of(c) && of(d) && of(e);
    }

    /** The array under {@code s}, for which {@link #of(MemorySegment)} holds (the class tested again, as there). */
    static float[] array(MemorySegment s) {
        if (s.getClass() != OVER_FLOATS) {
            throw new IllegalArgumentException("segment must be a heap segment over a float[], got " + s);
        }
        return (float[]) s.heapBase().orElseThrow();
    }

    /** The index in {@link #array} of element 0 of {@code s}: a heap segment's address is its byte offset in the array. */
    static int base(MemorySegment s) {
        return (int) (s.address() >>> 2);
    }
}
