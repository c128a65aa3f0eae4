package dev.gradus.bench;

import dev.gradus.kernel.PageOffsets;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagePlacementTest {

    @Test
    void largeBuffersAfterTheFirstTwoSpreadAcrossThePage() {
        long n = PageOffsets.OPTIMIZER_PLACES_ABOVE + 1;
        try (Arena arena = Arena.ofConfined()) {
            PagePlacement p = new PagePlacement(arena);
            MemorySegment value = p.next(n), grad = p.next(n), m = p.next(n), v = p.next(n);
            long vg = distance(value, grad);
            // m half a page from a value and gradient at one offset (as large buffers from Arena.allocate
            // come here), v a quarter page from all three; from two other offsets, the greedy rule keeps
            // m at least a quarter page away and v at least 640 bytes (a sixth, to the 64-byte step)
            long need = vg == 0 ? 1024 : 640;
            assertTrue(distance(m, value) >= 1024 && distance(m, grad) >= 1024, "m " + offsets(value, grad, m, v));
            for (MemorySegment other : new MemorySegment[] {value, grad, m}) {
                assertTrue(distance(v, other) >= need, "v " + offsets(value, grad, m, v));
            }
            if (vg == 0) {
                assertEquals(2048, distance(m, value), offsets(value, grad, m, v));
            }
            for (MemorySegment s : new MemorySegment[] {value, grad, m, v}) {
                assertEquals(n * Float.BYTES, s.byteSize());
                s.fill((byte) 1);
            }
        }
    }

    /** Distance around a 4 KiB page between the offsets of two segments' starts. */
    private static long distance(MemorySegment a, MemorySegment b) {
        long d = Math.floorMod(a.address() - b.address(), 4096);
        return Math.min(d, 4096 - d);
    }

    private static String offsets(MemorySegment... s) {
        StringBuilder b = new StringBuilder("page offsets");
        for (MemorySegment x : s) {
            b.append(' ').append(x.address() % 4096);
        }
        return b.toString();
    }

    @Test
    void smallBuffersStayWhereTheArenaPutsThem() {
        try (Arena arena = Arena.ofConfined()) {
            PagePlacement p = new PagePlacement(arena);
            p.next(16);
            p.next(16);
            MemorySegment m = p.next(PageOffsets.OPTIMIZER_PLACES_ABOVE);
            assertEquals(0, m.address() % 64);
            assertEquals(PageOffsets.OPTIMIZER_PLACES_ABOVE * Float.BYTES, m.byteSize());
        }
    }
}
