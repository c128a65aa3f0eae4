package dev.gradus;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotMemoryTest {

    /** No arena: heap memory. */
    private static final Arena HEAP = null;

    @Test
    void smallHeapSlotsLieOneAfterAnotherOnCacheLineSteps() {
        SlotMemory mem = new SlotMemory();
        MemorySegment a = slot(mem, "m", 1000, HEAP), b = slot(mem, "m", 1024, HEAP), c = slot(mem, "m", 5, HEAP);
        assertEquals(1000L * Float.BYTES, a.byteSize());
        assertEquals(1024L * Float.BYTES, b.byteSize());
        assertEquals(5L * Float.BYTES, c.byteSize());
        Object base = a.heapBase().orElseThrow();
        assertSame(base, b.heapBase().orElseThrow());
        assertSame(base, c.heapBase().orElseThrow());
        assertEquals(0, a.address());
        assertEquals(1008L * Float.BYTES, b.address());        // 1000 rounded up to 16 floats (64 bytes)
        assertEquals((1008L + 1024) * Float.BYTES, c.address());
    }

    @Test
    void smallNativeSlotsAreAlignedAndAdjacent() {
        try (Arena arena = Arena.ofConfined()) {
            SlotMemory mem = new SlotMemory();
            MemorySegment a = slot(mem, "v", 3, arena), b = slot(mem, "v", 17, arena);
            assertTrue(a.isNative() && b.isNative());
            assertEquals(0, a.address() % 64);
            assertEquals(a.address() + 64, b.address());
        }
    }

    @Test
    void eachSlotNameAndMemoryKindHasItsOwnChunks() {
        SlotMemory mem = new SlotMemory();
        MemorySegment m = slot(mem, "m", 8, HEAP), v = slot(mem, "v", 8, HEAP), m2 = slot(mem, "m", 8, HEAP);
        assertNotSame(m.heapBase().orElseThrow(), v.heapBase().orElseThrow());
        assertSame(m.heapBase().orElseThrow(), m2.heapBase().orElseThrow());
        assertTrue(slot(mem, "m", 8, Arena.ofAuto()).isNative());
    }

    @Test
    void aNamedArenaHasItsOwnChunks() {
        try (Arena shared = Arena.ofShared(); Arena confined = Arena.ofConfined()) {
            SlotMemory mem = new SlotMemory();
            MemorySegment a = slot(mem, "m", 8, shared), b = slot(mem, "m", 8, confined), c = slot(mem, "m", 8, confined);
            assertEquals(shared.scope(), a.scope());
            assertEquals(confined.scope(), b.scope());
            assertEquals(b.address() + 64, c.address(), "the confined arena's slices lie one after another");
            assertFalse(b.isAccessibleBy(new Thread(() -> { })), "and only its owner can touch them");
            assertFalse(slot(mem, "m", 8, HEAP).isNative(), "no arena: the heap");
        }
    }

    @Test
    void slicesAreZeroedAndDoNotOverlap() {
        for (boolean onHeap : new boolean[]{true, false}) {
            SlotMemory mem = new SlotMemory();
            Arena in = onHeap ? HEAP : Arena.ofAuto();
            List<MemorySegment> slots = new ArrayList<>();
            for (int k = 0; k < 300; k++) {       // several chunks: 300 × ~1K floats > the first chunks
                slots.add(slot(mem, "m", 1000 + k, in));
            }
            for (MemorySegment s : slots) {
                for (long i = 0; i < s.byteSize() / Float.BYTES; i++) {
                    assertEquals(0, s.getAtIndex(ValueLayout.JAVA_INT, i), "fresh slot not zero");
                }
            }
            for (int k = 0; k < slots.size(); k++) {
                slots.get(k).fill((byte) (k + 1));
            }
            for (int k = 0; k < slots.size(); k++) {
                MemorySegment s = slots.get(k);
                assertEquals(-1L, s.mismatch(MemorySegment.ofArray(new byte[(int) s.byteSize()]).fill((byte) (k + 1))),
                        "slot " + k + " was overwritten by another (heap: " + onHeap + ")");
            }
        }
    }

    @Test
    void chunksGrowWithWhatWasCarvedAndStopAtTheMaximum() {
        SlotMemory mem = new SlotMemory();
        long size = SlotMemory.MAX_SLICED;
        List<Object> bases = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            Object base = slot(mem, "m", size, HEAP).heapBase().orElseThrow();
            if (bases.isEmpty() || bases.getLast() != base) {
                bases.add(base);
            }
        }
        // chunks: 64K (one slot), 64K, 128K, 256K, 512K, then 1M floats (16 slots each)
        long[] expected = {1 << 16, 1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20};
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], ((float[]) bases.get(c)).length, "chunk " + c);
        }
        for (int c = expected.length; c < bases.size(); c++) {
            assertEquals(SlotMemory.MAX_CHUNK, ((float[]) bases.get(c)).length, "chunk " + c);
        }
        assertEquals(SlotMemory.MIN_CHUNK, ((float[]) slot(mem, "v", 1, HEAP).heapBase().orElseThrow()).length);
    }

    @Test
    void largeSlotsGetMemoryOfTheirOwn() {
        SlotMemory mem = new SlotMemory();
        long n = SlotMemory.MAX_SLICED + 1;
        MemorySegment a = slot(mem, "m", n, HEAP), b = slot(mem, "m", n, HEAP);
        assertEquals(n, ((float[]) a.heapBase().orElseThrow()).length);
        assertNotSame(a.heapBase().orElseThrow(), b.heapBase().orElseThrow());
        MemorySegment c = slot(mem, "m", n, Arena.ofAuto());
        assertEquals(n * Float.BYTES, c.byteSize());
        assertEquals(0, c.address() % 64);
        assertFalse(c.heapBase().isPresent());
    }

    @Test
    void largeNativeSlotsStartAwayFromTheirParametersWithinAPage() {
        long n = SlotMemory.MAX_SLICED + 1;
        try (Arena arena = Arena.ofConfined()) {
            // value and gradient at one page offset, as separate large allocations come: the four streams spread a quarter page apart
            MemorySegment value = arena.allocate(n * Float.BYTES + 4096, 4096).asSlice(64), grad = arena.allocate(n * Float.BYTES + 4096, 4096).asSlice(64);
            SlotMemory mem = new SlotMemory();
            List<MemorySegment> streams = new ArrayList<>(List.of(value, grad));
            MemorySegment m = mem.allocate("m", n, arena, streams);
            streams.add(m);
            MemorySegment v = mem.allocate("v", n, arena, streams);
            assertEquals(n * Float.BYTES, m.byteSize());
            assertEquals(n * Float.BYTES, v.byteSize());
            assertEquals(64 + 2048, m.address() % 4096);
            assertEquals(64 + 1024, v.address() % 4096);
            m.fill((byte) 1);           // the slices lie inside their allocations
            v.fill((byte) 1);
        }
    }

    /** A slot with no streams to keep away from (the placement test passes its own). */
    private static MemorySegment slot(SlotMemory mem, String name, long floats, Arena in) {
        return mem.allocate(name, floats, in, List.of());
    }
}
