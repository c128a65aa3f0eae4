package dev.gradus.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's native buffers laid out as the optimizer lays out a parameter's: the first two (the
 * value and gradient, or a probe's two streams standing for them) where {@link Arena#allocate(long, long)}
 * puts them, every later one of over 65,536 floats at the 64-byte multiple within a 4 KiB page farthest
 * from the page offsets of those before it (the rule of the optimizer's state memory, {@code SlotMemory}).
 * Large allocations all start at one page offset, and on the Zen 3 machine a loop that loads one
 * stream just after storing to another at the same offset waits for the store (4K aliasing): with every
 * buffer at one offset, native steps at 16M ran about 1.4 times slower than with the state spread.
 */
final class PagePlacement {

    /** Floats above which the optimizer gives a slot memory of its own, placed within the page. */
    static final long SPREAD_ABOVE = 1 << 16;
    static final long PAGE = 4096;

    private final Arena arena;
    private final List<MemorySegment> placed = new ArrayList<>();

    PagePlacement(Arena arena) {
        this.arena = arena;
    }

    /** The next buffer of {@code floats} floats, 64-byte aligned. */
    MemorySegment next(long floats) {
        long bytes = floats * Float.BYTES;
        MemorySegment s = placed.size() < 2 || floats <= SPREAD_ABOVE
                ? arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes)
                : arena.allocate(bytes + PAGE, PAGE).asSlice(farthestOffset(placed), bytes);
        placed.add(s);
        return s;
    }

    /** The multiple of 64 in [0, 4096) farthest around the page from the page offsets of {@code streams}; the lowest on a tie. */
    static long farthestOffset(List<MemorySegment> streams) {
        long best = 0, bestDistance = -1;
        for (long offset = 0; offset < PAGE; offset += 64) {
            long nearest = PAGE;
            for (MemorySegment s : streams) {
                long d = Math.floorMod(offset - s.address(), PAGE);
                nearest = Math.min(nearest, Math.min(d, PAGE - d));
            }
            if (nearest > bestDistance) {
                best = offset;
                bestDistance = nearest;
            }
        }
        return best;
    }
}
