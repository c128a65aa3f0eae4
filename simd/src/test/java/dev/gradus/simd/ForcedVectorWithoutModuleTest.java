package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Sgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -Dgradus.kernels=vector} in a JVM without {@code --add-modules jdk.incubator.vector}: every
 * call that needs the selected kernels fails with the documented message, the same each time. The
 * build runs this class alone in such a JVM ({@code gradus.expect.forced.vector.failure=true}); in
 * every other run it is skipped.
 */
class ForcedVectorWithoutModuleTest {

    static final String MESSAGE = "gradus.kernels=vector, but the vector kernels cannot run: the jdk.incubator.vector module "
            + "is not in the boot layer; fix: start the JVM with --add-modules jdk.incubator.vector";

    @Test
    void everyCallFailsWithTheDocumentedMessage() {
        assumeTrue(Boolean.getBoolean("gradus.expect.forced.vector.failure"), "only in the forced-vector-without-module run");
        assertEquals("vector", System.getProperty(Kernels.MODE_PROPERTY), "this run forces the vector kernels");
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(), "this run has no vector module");
        for (int call = 1; call <= 3; call++) {
            assertEquals(MESSAGE, assertThrows(IllegalStateException.class, Kernels::selected).getMessage(), "selected(), call " + call);
            assertEquals(MESSAGE, assertThrows(IllegalStateException.class, Kernels::choice).getMessage(), "choice(), call " + call);
            assertEquals(MESSAGE, assertThrows(IllegalStateException.class,
                    () -> Optimizer.builder(new Sgd()).learningRate(0.1).build()).getMessage(), "an optimizer on the selected kernels");
        }
        try (Optimizer explicit = Optimizer.builder(new Sgd()).learningRate(0.1).kernels(Kernels.byName("scalar")).build()) {
            explicit.register("w", new float[] {1f}, new float[] {1f}).step();
            assertEquals(1, explicit.stepCount(), "explicitly chosen scalar kernels still work");
        }
    }
}
