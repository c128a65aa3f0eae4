package dev.gradus.simd;

import dev.gradus.kernel.UpdateKernels;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.GoldenRunner;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Every float32 golden file of a catalogued rule, through the vector kernels at this JVM's width. */
@Tag("vector-width")
class VectorGoldenTest {

    @TestFactory
    Stream<DynamicTest> goldenFilesThroughTheVectorKernels() {
        return GoldenFiles.list("float32").stream()
                .filter(p -> RuleCatalog.forGoldenRule(GoldenFiles.rule(p)).isPresent())
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    UpdateKernels vector = VectorKernelsAvailable.orSkip();
                    GoldenFile f = GoldenFile.read(p);
                    GoldenRunner.run(f, RuleCatalog.forGoldenRule(f.rule()).orElseThrow(), vector);
                }));
    }
}
