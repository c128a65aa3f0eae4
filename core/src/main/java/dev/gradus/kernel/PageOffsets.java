package dev.gradus.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Where within a 4 KiB page to start a native buffer that a kernel streams beside others. Large
 * buffers from {@code Arena.allocate} all start at one offset within a page, and on some processors
 * (the Zen 3 machine of the README's figures) a loop that loads one stream right after storing to
 * another at the same page offset waits for the store (4K aliasing): an Adam step over 16M native
 * floats ran about 1.4 times slower with its four buffers at one offset than with the state spread.
 * The optimizer allocates its large native state slots with {@link #allocate}; a caller of the kernels
 * who allocates state itself can do the same: {@code PageOffsets.allocate(arena, bytes, List.of(value, grad))}.
 */
public final class PageOffsets {

    /** Bytes of the page whose offsets are spread. */
    public static final long PAGE = 4096;
    /**
     * Floats of a parameter above which the optimizer gives its state slots memory of their own, native memory
     * placed with {@link #allocate} (smaller parameters' slots share chunks, one after another).
     */
    public static final long OPTIMIZER_PLACES_ABOVE = 1 << 16;

    private PageOffsets() {
    }

    /**
     * {@code bytes} of zeroed memory of {@code arena}, starting at the page offset {@link #farthest} from
     * {@code apart}: a slice of an allocation one page larger, which the arena owns and frees.
     */
    public static MemorySegment allocate(Arena arena, long bytes, List<MemorySegment> apart) {
        return arena.allocate(bytes + PAGE, PAGE).asSlice(farthest(apart), bytes);
    }

    /**
     * The multiple of 64 in [0, {@value #PAGE}) farthest, around the page, from the page offsets of the
     * native segments among {@code streams} (heap segments have no address and are passed over); the
     * lowest such offset on a tie, 0 when none is native.
     */
    public static long farthest(List<MemorySegment> streams) {
        long best = 0, bestDistance = -1;
        for (long offset = 0; offset < PAGE; offset += 64) {
            long nearest = PAGE;
            for (MemorySegment s : streams) {
                if (s.isNative()) {
                    long d = Math.floorMod(offset - s.address(), PAGE);
                    nearest = Math.min(nearest, Math.min(d, PAGE - d));
                }
            }
            if (nearest > bestDistance) {
                best = offset;
                bestDistance = nearest;
            }
        }
        return best;
    }
}
