package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the paired loop runs, where it stops, and what a bad setting says. */
class PairedLoopTest {

    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "PairedLoop reads the float species; this JVM runs without the jdk.incubator.vector module");
    }

    @Test
    void theSettingIsAWholeNumberOfElementsAtLeastZero() {
        assertNull(PairedLoop.problem(null));
        assertNull(PairedLoop.problem("0"));
        assertNull(PairedLoop.problem(" 4096 "));
        assertEquals("gradus.simd.pairedFrom must be a whole number of elements ≥ 0, got \"-1\"", PairedLoop.problem("-1"));
        assertEquals("gradus.simd.pairedFrom must be a whole number of elements ≥ 0, got \"2M\"", PairedLoop.problem("2M"));
        assertEquals(Kernels.PAIRED_FROM_PROPERTY, "gradus.simd.pairedFrom");
    }

    @Test
    void thisJvmsThresholdIsTheSettingOrTwoToThe21() {
        String setting = System.getProperty(Kernels.PAIRED_FROM_PROPERTY);
        assertEquals(setting == null ? 2_097_152L : Long.parseLong(setting), PairedLoop.FROM);
        assertTrue(PairedLoop.runs(10, 10 + PairedLoop.FROM));
        assertEquals(PairedLoop.FROM == 0, PairedLoop.runs(10, 10));
        if (PairedLoop.FROM > 0) {
            assertFalse(PairedLoop.runs(10, 9 + PairedLoop.FROM));
        }
    }

    @Test
    void theLoopEndsAfterTheLastWholePairOfVectors() {
        long pair = 2L * FloatSpecies.SPECIES.length();
        assertEquals(2 * FloatSpecies.SPECIES.vectorByteSize(), PairedLoop.STRIDE);
        for (long from : new long[] {0, 3, 1_000_001}) {
            assertEquals(from * Float.BYTES, PairedLoop.endByte(from, from));
            assertEquals(from * Float.BYTES, PairedLoop.endByte(from, from + pair - 1));
            assertEquals((from + pair) * Float.BYTES, PairedLoop.endByte(from, from + pair));
            assertEquals((from + 5 * pair) * Float.BYTES, PairedLoop.endByte(from, from + 6 * pair - 1));
        }
    }
}
