package dev.gradus;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When {@link MemoryKindMix} speaks: once, at the registration that first mixes the memory kinds. */
class MemoryKindMixTest {

    private static final MemorySegment HEAP = MemorySegment.ofArray(new float[8]);
    private static final MemorySegment NATIVE = Arena.global().allocate(32, 64);

    @Test
    void oneKindSaysNothing() {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        mix.note("parameter 'a'", HEAP, HEAP);
        mix.note("parameter 'b'", HEAP, HEAP);
        assertEquals(List.of(), log.entries());
        RecordingLogger log2 = new RecordingLogger();
        MemoryKindMix mix2 = new MemoryKindMix(log2);
        mix2.note("parameter 'a'", NATIVE, NATIVE);
        mix2.note("parameter 'b'", NATIVE, NATIVE);
        assertEquals(List.of(), log2.entries());
    }

    @Test
    void theFirstParameterOfTheOtherKindIsNamedOnce() {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        mix.note("parameter 'a'", HEAP, HEAP);
        mix.note("parameter 'b'", NATIVE, NATIVE);
        mix.note("parameter 'c'", NATIVE, NATIVE);
        mix.note("parameter 'd'", HEAP, HEAP);
        assertEquals(1, log.entries().size(), log.entries().toString());
        RecordingLogger.Entry e = log.entries().getFirst();
        assertEquals(System.Logger.Level.WARNING, e.level());
        assertTrue(e.message().startsWith("Gradus: parameter 'b' is in native memory, earlier parameters in heap memory;"), e.message());
        assertTrue(e.message().contains("keep one memory kind per JVM"), e.message());
    }

    @Test
    void nativeFirstThenHeapIsNamedTheOtherWayRound() {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        mix.note("block of parameters [x, y]", NATIVE, NATIVE);
        mix.note("parameter 'w'", HEAP, HEAP);
        assertEquals(1, log.entries().size(), log.entries().toString());
        assertTrue(log.entries().getFirst().message().startsWith("Gradus: parameter 'w' is in heap memory, earlier parameters in native memory;"),
                log.entries().getFirst().message());
    }

    @Test
    void aParameterOfBothKindsIsNamedOnceForItself() {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        mix.note("parameter 'a'", HEAP, NATIVE);
        mix.note("parameter 'b'", NATIVE, HEAP);
        mix.note("parameter 'c'", HEAP, HEAP);
        mix.note("parameter 'd'", NATIVE, NATIVE);
        assertEquals(1, log.entries().size(), log.entries().toString());
        assertTrue(log.entries().getFirst().message().startsWith(
                "Gradus: parameter 'a' has its value in heap memory and its gradient in native memory;"), log.entries().getFirst().message());
    }

    @Test
    void afterOneKindAMixedParameterIsNamedForItselfOnly() {
        RecordingLogger log = new RecordingLogger();
        MemoryKindMix mix = new MemoryKindMix(log);
        mix.note("parameter 'a'", NATIVE, NATIVE);
        mix.note("parameter 'b'", NATIVE, HEAP);
        mix.note("parameter 'c'", HEAP, HEAP);
        assertEquals(1, log.entries().size(), log.entries().toString());
        assertTrue(log.entries().getFirst().message().startsWith(
                "Gradus: parameter 'b' has its value in native memory and its gradient in heap memory;"), log.entries().getFirst().message());
    }

    @Test
    void racingRegistrationsOfBothKindsWarnOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            RecordingLogger log = new RecordingLogger();
            MemoryKindMix mix = new MemoryKindMix(log);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = threads.submit(() -> {
                    go.await();
                    mix.note("parameter 'h'", HEAP, HEAP);
                    return null;
                });
                Future<?> b = threads.submit(() -> {
                    go.await();
                    mix.note("parameter 'n'", NATIVE, NATIVE);
                    return null;
                });
                go.countDown();
                a.get();
                b.get();
            } finally {
                threads.shutdown();
            }
            assertEquals(1, log.entries().size(), "round " + round + ": " + log.entries());
        }
    }
}
