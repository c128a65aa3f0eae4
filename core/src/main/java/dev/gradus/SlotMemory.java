package dev.gradus;

import dev.gradus.kernel.PageOffsets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the state slots of registered parameters live. A slot of a small parameter (at most
 * {@link #MAX_SLICED} floats) is a slice of a shared chunk, one chunk sequence per slot name and
 * memory kind, so the {@code m} slots (say) of parameters registered one after another lie one
 * after another in memory. Why: a step over 1000 parameters of 1K floats each streamed 4000 small
 * separate arrays (each a new stream for the hardware prefetchers, probably the cost: this VM has
 * no counters to confirm it); with the state slots
 * contiguous the bare Adam kernels ran that step in 14% less time ({@code KernelCallsBench},
 * {@code arrays=separate} vs {@code hybrid}). Larger parameters get memory of their own, native
 * memory placed within the page away from the parameter's other streams.
 *
 * <p>Every slice starts on a 64-byte boundary of its chunk: native chunks are 64-byte aligned, so
 * native slices are too, as the optimizer's Javadoc promises; heap slices all share their chunk's
 * phase against the cache lines. Native chunks come from the arena the slot is asked for (the
 * optimizer's shared one, or its confined one for parameters in a confined arena), each arena its
 * own chunks. Chunks grow with what was carved so far (like a list's backing
 * array), from {@link #MIN_CHUNK} to {@link #MAX_CHUNK} floats, so the unused tail of the last
 * chunk is at most the larger of {@link #MIN_CHUNK} floats and what the slot already holds. Slices
 * are never freed on their own: parameters are never unregistered, and heap chunks go with the
 * optimizer, native ones with its arena.
 */
final class SlotMemory {

    /** Parameters up to this many floats get slices of shared chunks; larger ones memory of their own. */
    static final long MAX_SLICED = PageOffsets.OPTIMIZER_PLACES_ABOVE;
    /** Floats of the first chunk of a slot name. */
    static final long MIN_CHUNK = 1 << 14;
    /** Floats of a chunk at most (unless one parameter needs more, which {@link #MAX_SLICED} rules out). */
    static final long MAX_CHUNK = 1 << 20;
    /** Floats per 64 bytes: every slice starts on a multiple of it within its chunk. */
    private static final long LINE = 16;

    /** Per arena (null: the heap), per slot name, the chunks. */
    private final Map<Arena, Map<String, Chunks>> chunks = new HashMap<>();

    /**
     * Zeroed memory for {@code floats} floats of slot {@code slot}: on the heap ({@code float[]}-backed)
     * if {@code in} is null, else 64-byte-aligned memory of {@code in}, which owns (and frees) it. A native
     * slot of its own (over {@link #MAX_SLICED} floats) starts at the offset within a 4 KiB page farthest
     * from those of the native segments in {@code streams} (the parameter's value, gradient and slots so
     * far: {@link PageOffsets}). Why: on the Zen 3 machine a loop that loads one stream just after storing
     * to another at the same offset within a page waited for the store (4K aliasing), and every buffer from
     * {@code Arena.allocate} of several megabytes starts at the same such offset: an Adam-like
     * 4-read/3-write loop over 16M native floats took 15.8–19.1 ms with the four at one offset and
     * 11.6–13.5 ms with the two written state streams moved 1 and 2 KiB away (docs/performance-history.md,
     * session 15).
     */
    MemorySegment allocate(String slot, long floats, Arena in, List<MemorySegment> streams) {
        if (floats > MAX_SLICED) {
            return in == null ? fresh(floats, null) : PageOffsets.allocate(in, floats * Float.BYTES, streams);
        }
        return chunks.computeIfAbsent(in, a -> new HashMap<>()).computeIfAbsent(slot, s -> new Chunks(in)).slice(floats);
    }

    /** Zeroed memory of its own: a {@code float[]} (no arena) or 64-byte-aligned memory of {@code in}. */
    private static MemorySegment fresh(long floats, Arena in) {
        return in == null ? MemorySegment.ofArray(new float[Math.toIntExact(floats)]) : in.allocate(floats * Float.BYTES, 64);
    }

    /** One slot name's chunks of one memory kind: the current chunk and how much of it is carved. */
    private static final class Chunks {
        private final Arena in;
        private MemorySegment chunk = MemorySegment.NULL;
        private long used, carved;

        Chunks(Arena in) {
            this.in = in;
        }

        MemorySegment slice(long floats) {
            long rounded = (floats + LINE - 1) / LINE * LINE;
            if (used + rounded > chunk.byteSize() / Float.BYTES) {
                long size = Math.max(rounded, Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, carved)));
                chunk = fresh(size, in);
                used = 0;
            }
            MemorySegment s = chunk.asSlice(used * Float.BYTES, floats * Float.BYTES);
            used += rounded;
            carved += rounded;
            return s;
        }
    }
}
