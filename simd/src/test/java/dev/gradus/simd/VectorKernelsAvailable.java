package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;

import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vector kernels for a test, or a skip that says why they cannot run in this JVM (no vector
 * module in the fallback run, or a width above the machine's preferred one). Never forced.
 */
final class VectorKernelsAvailable {
    private VectorKernelsAvailable() {
    }

    static UpdateKernels orSkip() {
        Optional<String> why = Kernels.unavailableReason("vector");
        assumeTrue(why.isEmpty(), () -> "vector kernels cannot run here: " + why.get());
        return Kernels.byName("vector");
    }
}
