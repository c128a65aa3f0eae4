package dev.gradus.simd;

import java.lang.foreign.MemorySegment;

/**
 * Where a buffer's elements meet a 64-byte cache line, so that a kernel can run a few elements in its
 * scalar twin first and start its vector loop on a line: a 512-bit load or store that straddles two
 * lines costs two accesses. A native segment's {@code address()} is where its bytes lie. A heap
 * segment's is only an offset into its array, and the JDK does not say where the array's data
 * starts; this assumes 16 bytes into a 64-byte-aligned object, as HotSpot lays out large arrays with
 * its default object headers (a large array starts a G1 region). Where that is wrong (small arrays,
 * compact object headers) the vector loop is as misaligned as it would be without the prologue.
 */
final class CacheLines {

    static final int LINE = 64;
    /** Bytes from a {@code float[]}'s start to its element 0 (HotSpot, default object headers). */
    static final long ASSUMED_ARRAY_DATA_OFFSET = 16;

    private CacheLines() {
    }

    /** Elements from element {@code from} of {@code s} to the next line (0 to 15; 0 if the floats are not 4-byte aligned). */
    static long elementsToLine(MemorySegment s, long from) {
        long at = address(s, from);
        if ((at & (Float.BYTES - 1)) != 0) {
            return 0;
        }
        return ((LINE - (at & (LINE - 1))) & (LINE - 1)) / Float.BYTES;
    }

    /** Bytes from the last multiple of {@code period} (a power of two) to element {@code from} of {@code s}, as above for a heap segment. */
    static long bytesPast(MemorySegment s, long from, long period) {
        return address(s, from) & (period - 1);
    }

    private static long address(MemorySegment s, long from) {
        return s.address() + (s.isNative() ? 0 : ASSUMED_ARRAY_DATA_OFFSET) + from * Float.BYTES;
    }
}
