package dev.gradus.simd;

import dev.gradus.kernel.KernelChoice;
import dev.gradus.kernel.Kernels;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.GoldenRunner;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernels chosen at run time: the vector ones when the module is present, the scalar
 * fallback (with the reason and the fix) when the build runs the suite without it, and the scalar
 * ones without a reason when the build forces them ({@code gradus.expect.kernels=scalar}). The
 * golden files then pass through whatever was chosen.
 */
class SelectedKernelsTest {

    private static final boolean EXPECT_FALLBACK = Boolean.getBoolean("gradus.expect.fallback");
    /** {@code scalar} in the build's run with {@code -Dgradus.kernels=scalar} forced while the vector module is present. */
    private static final String EXPECT_KERNELS = System.getProperty("gradus.expect.kernels", "");

    @Test
    void theChoiceMatchesTheJvm() {
        KernelChoice c = Kernels.choice();
        if (EXPECT_FALLBACK) {
            assertEquals("scalar", c.provider());
            assertEquals(0, c.vectorBits());
            String why = c.fallbackReason().orElseThrow();
            assertTrue(why.contains("jdk.incubator.vector module is not in the boot layer"), why);
            assertTrue(why.contains("--add-modules jdk.incubator.vector"), "the reason names the fix: " + why);
        } else if (EXPECT_KERNELS.equals("scalar")) {
            assertEquals("scalar", System.getProperty(Kernels.MODE_PROPERTY), "this run forces the scalar kernels");
            assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "this run has the vector module");
            assertEquals("scalar", c.provider());
            assertEquals(0, c.vectorBits());
            assertEquals(java.util.Optional.empty(), c.fallbackReason(), "a forced choice is not a fallback");
        } else {
            assertEquals("", EXPECT_KERNELS, "gradus.expect.kernels must be 'scalar' or unset");
            assertEquals("vector", c.provider(), () -> "fell back: " + c.fallbackReason().orElse("?"));
            assertTrue(c.vectorBits() >= 128, "species bits " + c.vectorBits());
            assertTrue(c.fallbackReason().isEmpty());
        }
        assertEquals(c.provider(), Kernels.selected().name());
    }

    @Test
    void forcingVectorWithoutTheModuleFailsLoudly() {
        if (EXPECT_FALLBACK) {
            var e = assertThrows(IllegalStateException.class, () -> Kernels.byName("vector"));
            assertEquals("the vector kernels cannot run: the jdk.incubator.vector module is not in the boot layer; "
                    + "fix: start the JVM with --add-modules jdk.incubator.vector", e.getMessage());
        } else {
            assertEquals("vector", Kernels.byName("vector").name());
        }
        assertEquals("scalar", Kernels.byName("scalar").name());
    }

    @TestFactory
    Stream<DynamicTest> goldenFilesThroughTheSelectedKernels() {
        return GoldenFiles.list("float32").stream()
                .filter(p -> RuleCatalog.forGoldenRule(GoldenFiles.rule(p)).isPresent())
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    GoldenFile f = GoldenFile.read(p);
                    GoldenRunner.run(f, RuleCatalog.forGoldenRule(f.rule()).orElseThrow(), Kernels.selected());
                }));
    }
}
