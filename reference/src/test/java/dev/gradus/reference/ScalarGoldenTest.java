package dev.gradus.reference;

import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.GoldenRunner;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every float32 golden file of a catalogued rule, through the scalar reference, bit for bit. */
class ScalarGoldenTest {

    @TestFactory
    Stream<DynamicTest> goldenFilesThroughTheScalarReference() {
        var files = GoldenFiles.list("float32").stream()
                .filter(p -> RuleCatalog.forGoldenRule(GoldenFiles.rule(p)).isPresent()).toList();
        for (var e : RuleCatalog.entries()) {
            for (String rule : e.goldenRules()) {
                assertTrue(files.stream().anyMatch(p -> GoldenFiles.rule(p).equals(rule)), "no float32 golden file of " + rule);
            }
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            GoldenFile f = GoldenFile.read(p);
            GoldenRunner.run(f, RuleCatalog.forGoldenRule(f.rule()).orElseThrow(), ScalarUpdateKernels.INSTANCE);
        }));
    }
}
