package dev.gradus.kernel;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageOffsetsTest {

    @Test
    void theOffsetFarthestFromTheStreamsAroundThePage() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(8192, 4096);
            assertEquals(0, PageOffsets.farthest(List.of()));
            assertEquals(2048, PageOffsets.farthest(List.of(page)));
            // 1000 and 3000 leave gaps of 2000 and 2096 (across the page end, middle 4048): 4032 is 1032 from 3000 and 1064 from 1000; 0 only 1000 from 1000
            assertEquals(4032, PageOffsets.farthest(List.of(page.asSlice(1000), page.asSlice(3000))));
            // heap segments have no address to avoid
            assertEquals(0, PageOffsets.farthest(List.of(MemorySegment.ofArray(new float[4]))));
            // a native offset twice counts once: 64 → 2112
            assertEquals(2112, PageOffsets.farthest(List.of(page.asSlice(64), page.asSlice(4096 + 64))));
        }
    }

    @Test
    void allocateStartsTheBufferAtThatOffsetInsideItsAllocation() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(8192, 4096), value = page.asSlice(64, 100);
            MemorySegment s = PageOffsets.allocate(arena, 10_000, List.of(value));
            assertEquals(10_000, s.byteSize());
            assertEquals(64 + 2048, s.address() % PageOffsets.PAGE);
            for (long i = 0; i < s.byteSize(); i++) {
                assertEquals(0, s.get(ValueLayout.JAVA_BYTE, i));
            }
            s.fill((byte) 1);
        }
    }
}
