package dev.gradus.simd;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheLinesTest {

    @Test
    void nativeSegmentsCountFromTheirAddress() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(4096, 64);
            assertEquals(0, CacheLines.elementsToLine(s, 0));
            assertEquals(15, CacheLines.elementsToLine(s, 1));
            assertEquals(1, CacheLines.elementsToLine(s, 15));
            assertEquals(0, CacheLines.elementsToLine(s, 16));
            assertEquals(14, CacheLines.elementsToLine(s.asSlice(8), 0), "a slice 2 floats in");
            assertEquals(0, CacheLines.elementsToLine(s.asSlice(2), 0), "floats not 4-byte aligned: no prologue helps");
        }
    }

    @Test
    void heapSegmentsAssumeTheArrayDataStartsSixteenBytesIntoAnAlignedObject() {
        MemorySegment s = MemorySegment.ofArray(new float[64]);
        assertEquals(16, CacheLines.ASSUMED_ARRAY_DATA_OFFSET);
        assertEquals(12, CacheLines.elementsToLine(s, 0));
        assertEquals(0, CacheLines.elementsToLine(s, 12));
        assertEquals(15, CacheLines.elementsToLine(s, 13));
        assertEquals(8, CacheLines.elementsToLine(s.asSlice(16), 0), "a slice 4 floats in");
    }
}
