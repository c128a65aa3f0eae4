package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the streaming loop runs, the offsets its induction variable stands for, and what a bad setting says. */
class StreamingLoopTest {

    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "StreamingLoop reads the float species; this JVM runs without the jdk.incubator.vector module");
    }

    @Test
    void theSettingIsAWholeNumberOfElementsAtLeastZero() {
        assertNull(StreamingLoop.problem(null));
        assertNull(StreamingLoop.problem("0"));
        assertNull(StreamingLoop.problem(" 4096 "));
        assertEquals("gradus.simd.streamingFrom must be a whole number of elements ≥ 0, got \"-1\"", StreamingLoop.problem("-1"));
        assertEquals("gradus.simd.streamingFrom must be a whole number of elements ≥ 0, got \"2M\"", StreamingLoop.problem("2M"));
        assertEquals(Kernels.STREAMING_FROM_PROPERTY, "gradus.simd.streamingFrom");
    }

    @Test
    void thisJvmsThresholdIsTheSettingOrTwoToThe21() {
        String setting = System.getProperty(Kernels.STREAMING_FROM_PROPERTY);
        assertEquals(setting == null ? 2_097_152L : Long.parseLong(setting), StreamingLoop.FROM);
        assertTrue(StreamingLoop.runs(10, 10 + StreamingLoop.FROM));
        assertEquals(StreamingLoop.FROM == 0, StreamingLoop.runs(10, 10));
        if (StreamingLoop.FROM > 0) {
            assertFalse(StreamingLoop.runs(10, 9 + StreamingLoop.FROM));
        }
        assertFalse(StreamingLoop.runs(0, Long.MAX_VALUE / Float.BYTES), "a range whose shifted offsets overflow");
    }

    @Test
    void eachStepIsOneVectorAndTheLoopEndsAfterTheLastWholeOne() {
        int lanes = FloatSpecies.SPECIES.length();
        assertEquals(FloatSpecies.SPECIES.vectorByteSize(), StreamingLoop.STRIDE >>> StreamingLoop.SHIFT);
        assertTrue(StreamingLoop.STRIDE > 64, "C2 unrolls loops stepping by up to 64");
        for (long from : new long[] {0, 3, 1_000_001}) {
            long h = StreamingLoop.first(from);
            assertEquals(from * Float.BYTES, h >>> StreamingLoop.SHIFT);
            assertEquals(from + lanes, StreamingLoop.element(h + StreamingLoop.STRIDE));
            assertEquals(from, StreamingLoop.element(StreamingLoop.end(from, from)));
            assertEquals(from, StreamingLoop.element(StreamingLoop.end(from, from + lanes - 1)));
            assertEquals(from + lanes, StreamingLoop.element(StreamingLoop.end(from, from + lanes)));
            assertEquals(from + 5 * lanes, StreamingLoop.element(StreamingLoop.end(from, from + 6 * lanes - 1)));
        }
    }
}
