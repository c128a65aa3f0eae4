package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.testing.Equivalence;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SIMD ≡ scalar for every catalogued rule, bit for bit (or within the entry's stated ULP bound),
 * at the width this JVM was started with (the build runs 512, 256 and 128 bits).
 */
@Tag("vector-width")
class VectorEquivalenceTest {

    private static final int EXAMPLES = Integer.getInteger("gradus.equivalence.examples", 400);

    @TestFactory
    Stream<DynamicTest> vectorKernelsEqualTheScalarReference() {
        String width = System.getProperty(Kernels.BITS_PROPERTY, "preferred");
        return RuleCatalog.entries().stream().map(e -> DynamicTest.dynamicTest(e.family() + " @" + width + " bits", () -> {
            UpdateKernels vector = VectorKernelsAvailable.orSkip();
            int bits = vector.vectorBits();
            if (!width.equals("preferred")) {
                assertEquals(Integer.parseInt(width), bits, "the vector kernels run at the requested width");
            }
            UpdateKernels scalar = Kernels.byName("scalar");
            long worst = Equivalence.check(e, scalar, vector, EXAMPLES);
            System.out.println("[gradus] " + e.family() + " @" + bits + " bits: largest vector/scalar difference "
                    + worst + " ulp over " + EXAMPLES + " cases (bound " + e.vectorUlps() + ")");
        }));
    }
}
