package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which widths the vector kernels accept, and what a refusal says. */
class FloatSpeciesTest {

    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "FloatSpecies names Vector API types; this JVM runs without the jdk.incubator.vector module");
    }

    @Test
    void aWidthAboveTheMachinesIsRefusedUnlessEmulationIsAllowed() {
        assertEquals("gradus.simd.bits=512 is wider than this machine's preferred float species (256 bits); a wider"
                + " species is not intrinsified, so it is refused (for tests of its floats only: gradus.simd.emulated=true)",
                FloatSpecies.problem(512, 256, false));
        assertNull(FloatSpecies.problem(512, 256, true));
        assertEquals(Kernels.EMULATED_PROPERTY, "gradus.simd.emulated");
    }

    @Test
    void widthsUpToTheMachinesRunWithOrWithoutEmulation() {
        for (boolean allowed : new boolean[] {false, true}) {
            assertNull(FloatSpecies.problem(512, 512, allowed));
            assertNull(FloatSpecies.problem(256, 512, allowed));
            assertNull(FloatSpecies.problem(128, 256, allowed));
        }
    }

    @Test
    void narrowAndUnknownWidthsAreRefusedEvenWhenEmulationIsAllowed() {
        for (boolean allowed : new boolean[] {false, true}) {
            assertEquals("the float species has 64 bits, fewer than the 128 the vector kernels need (this CPU's preferred width)",
                    FloatSpecies.problem(64, 64, allowed));
            assertEquals("the float species has 64 bits, fewer than the 128 the vector kernels need",
                    FloatSpecies.problem(64, 256, allowed));
            assertEquals("gradus.simd.bits must be 128, 256 or 512, got 1024", FloatSpecies.problem(1024, 256, allowed));
        }
    }

    @Test
    void thisJvmsSpeciesIsTheRequestedWidth() {
        assertEquals(FloatSpecies.REQUESTED_BITS, FloatSpecies.SPECIES.vectorBitSize());
        assertEquals(FloatSpecies.REQUESTED_BITS > FloatSpecies.PREFERRED_BITS, FloatSpecies.emulated());
    }
}
