package dev.gradus.bench;

import dev.gradus.kernel.PageOffsets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's native buffers laid out as the optimizer lays out a parameter's: the first two (the
 * value and gradient, or a probe's two streams standing for them) where {@link Arena#allocate(long, long)}
 * puts them, every later one of over 65,536 floats at the offset within a 4 KiB page farthest from those
 * before it ({@link PageOffsets#allocate}, as the optimizer's state memory does above
 * {@link PageOffsets#OPTIMIZER_PLACES_ABOVE} floats).
 * Large allocations all start at one page offset, and on the Zen 3 machine a loop that loads one
 * stream just after storing to another at the same offset waits for the store (4K aliasing): with every
 * buffer at one offset, native steps at 16M ran about 1.4 times slower than with the state spread.
 */
final class PagePlacement {

    private final Arena arena;
    private final List<MemorySegment> placed = new ArrayList<>();

    PagePlacement(Arena arena) {
        this.arena = arena;
    }

    /** The next buffer of {@code floats} floats, 64-byte aligned. */
    MemorySegment next(long floats) {
        long bytes = floats * Float.BYTES;
        MemorySegment s = placed.size() < 2 || floats <= PageOffsets.OPTIMIZER_PLACES_ABOVE
                ? arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes)
                : PageOffsets.allocate(arena, bytes, placed);
        placed.add(s);
        return s;
    }
}
