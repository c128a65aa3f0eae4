package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;

import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vector kernels for a test, or a skip that says why they cannot run in this JVM (no vector
 * module in the fallback run). Never forced. The width passes allow a width above the machine's
 * preferred one ({@value Kernels#EMULATED_PROPERTY}), which runs in plain Java with the same floats.
 */
final class VectorKernelsAvailable {
    private VectorKernelsAvailable() {
    }

    static UpdateKernels orSkip() {
        Optional<String> why = Kernels.unavailableReason("vector");
        assumeTrue(why.isEmpty(), () -> "vector kernels cannot run here: " + why.get());
        return Kernels.byName("vector");
    }

    /**
     * The vector kernels when C2 compiles them to vector instructions, or a skip: a species above the
     * machine's preferred one runs in plain Java, where every vector is an object by design.
     */
    static UpdateKernels compiledOrSkip() {
        UpdateKernels k = orSkip();
        assumeTrue(!FloatSpecies.emulated(), () -> "the " + FloatSpecies.REQUESTED_BITS + "-bit species is emulated in plain"
                + " Java on this machine (preferred " + FloatSpecies.PREFERRED_BITS + " bits), so its vectors are objects");
        return k;
    }
}
