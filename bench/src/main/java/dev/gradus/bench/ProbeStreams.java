package dev.gradus.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The four streams of the bandwidth probes ({@link ProbeBench}, {@link ThreadProbeBench}): {@code d} and
 * {@code a}, allocated first, stand for a gradient and a value, {@code b} and {@code c} for state, placed as
 * the optimizer places a parameter's buffers ({@link PagePlacement}), or {@code float[]}-backed. Each is
 * filled with its own constant, so that no loop over them meets subnormals or NaN.
 */
final class ProbeStreams implements AutoCloseable {

    final MemorySegment a;
    final MemorySegment b;
    final MemorySegment c;
    final MemorySegment d;
    private final Arena arena = Arena.ofShared();
    private final PagePlacement placement = new PagePlacement(arena);

    /** Four streams of {@code floats} floats each: {@code float[]}-backed if {@code heap}, else native. */
    ProbeStreams(boolean heap, long floats) {
        d = allocate(heap, floats, 2.0f);
        a = allocate(heap, floats, 0.5f);
        b = allocate(heap, floats, 1.0f);
        c = allocate(heap, floats, 0.25f);
    }

    private MemorySegment allocate(boolean heap, long floats, float value) {
        MemorySegment s = heap ? MemorySegment.ofArray(new float[Math.toIntExact(floats)])
                : placement.next(Math.max(floats, 1));
        for (long i = 0; i < floats; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
        }
        return s;
    }

    @Override
    public void close() {
        arena.close();
    }
}
