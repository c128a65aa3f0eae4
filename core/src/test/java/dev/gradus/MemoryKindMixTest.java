package dev.gradus;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When {@link MemoryKindMix} speaks: once, at the registration that first mixes the memory kinds. */
class MemoryKindMixTest {

    private static final MemorySegment HEAP = MemorySegment.ofArray(new float[8]);
    private static final MemorySegment NATIVE = Arena.global().allocate(32, 64);

    /** Parameter {@code name}'s value and gradient memory, as registered. */
    private record Note(String name, MemorySegment value, MemorySegment grad) {
    }

    /** What a fresh {@link MemoryKindMix} logs for these registrations, in order. */
    private static RecordingLogger said(Note... notes) {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        for (Note n : notes) {
            mix.note("parameter '" + n.name + "'", n.value, n.grad);
        }
        return log;
    }

    @Test
    void oneKindSaysNothing() {
        assertEquals(List.of(), said(new Note("a", HEAP, HEAP), new Note("b", HEAP, HEAP)).entries());
        assertEquals(List.of(), said(new Note("a", NATIVE, NATIVE), new Note("b", NATIVE, NATIVE)).entries());
    }

    @Test
    void theFirstParameterOfTheOtherKindIsNamedOnce() {
        RecordingLogger log = said(new Note("a", HEAP, HEAP), new Note("b", NATIVE, NATIVE), new Note("c", NATIVE, NATIVE),
                new Note("d", HEAP, HEAP));
        log.assertOneWarning("Gradus: parameter 'b' is in native memory, earlier parameters in heap memory;");
        assertTrue(log.entries().getFirst().message().contains("keep one memory kind per JVM"), log.entries().toString());
        assertTrue(log.entries().getFirst().message().contains("-XX:-UseProfiledLoopPredicate"), log.entries().toString());
    }

    @Test
    void nativeFirstThenHeapIsNamedTheOtherWayRound() {
        said(new Note("x", NATIVE, NATIVE), new Note("w", HEAP, HEAP))
                .assertOneWarning("Gradus: parameter 'w' is in heap memory, earlier parameters in native memory;");
    }

    @Test
    void aParameterOfBothKindsIsNamedOnceForItself() {
        said(new Note("a", HEAP, NATIVE), new Note("b", NATIVE, HEAP), new Note("c", HEAP, HEAP), new Note("d", NATIVE, NATIVE))
                .assertOneWarning("Gradus: parameter 'a' has its value in heap memory and its gradient in native memory;");
    }

    @Test
    void afterOneKindAMixedParameterIsNamedForItselfOnly() {
        said(new Note("a", NATIVE, NATIVE), new Note("b", NATIVE, HEAP), new Note("c", HEAP, HEAP))
                .assertOneWarning("Gradus: parameter 'b' has its value in native memory and its gradient in heap memory;");
    }
}
