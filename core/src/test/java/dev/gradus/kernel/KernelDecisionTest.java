package dev.gradus.kernel;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every branch of the run-time kernel choice, as a pure function of its inputs. */
class KernelDecisionTest {

    private static UpdateKernels kernels(String name, int bits) {
        // A proxy, so the stub does not change each time a rule family is added to the SPI.
        return (UpdateKernels) Proxy.newProxyInstance(UpdateKernels.class.getClassLoader(), new Class<?>[] {UpdateKernels.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "vectorBits" -> bits;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static KernelProvider provider(String name, Optional<String> unavailable, UpdateKernels k) {
        return new KernelProvider() {
            public String name() { return name; }
            public Optional<String> unavailableReason() { return unavailable; }
            public UpdateKernels kernels() { return k; }
        };
    }

    private final UpdateKernels scalarKernels = kernels("scalar", 0);
    private final UpdateKernels vectorKernels = kernels("vector", 256);
    private final KernelProvider scalar = provider("scalar", Optional.empty(), scalarKernels);
    private final KernelProvider vector = provider("vector", Optional.empty(), vectorKernels);

    @Test
    void autoPicksVectorWhenEverythingIsThere() {
        var d = Kernels.decide("auto", true, Optional.empty(), List.of(scalar, vector));
        assertSame(vectorKernels, d.kernels());
        assertTrue(d.fallbackReason().isEmpty());
    }

    @Test
    void autoFallsBackWithoutTheModuleAndNamesTheFix() {
        var d = Kernels.decide("auto", false, Optional.empty(), List.of(scalar, vector));
        assertSame(scalarKernels, d.kernels());
        assertEquals("the jdk.incubator.vector module is not in the boot layer; fix: start the JVM with --add-modules jdk.incubator.vector",
                d.fallbackReason().orElseThrow());
    }

    @Test
    void autoFallsBackWithoutC2() {
        var d = Kernels.decide("auto", true, Optional.of("the JVM runs interpreted (-Xint), without the C2 compiler"), List.of(scalar, vector));
        assertSame(scalarKernels, d.kernels());
        assertEquals("the JVM runs interpreted (-Xint), without the C2 compiler; fix: run with the default server compiler (C2)",
                d.fallbackReason().orElseThrow());
    }

    @Test
    void autoFallsBackWithoutTheSimdJar() {
        var d = Kernels.decide("auto", true, Optional.empty(), List.of(scalar));
        assertSame(scalarKernels, d.kernels());
        assertTrue(d.fallbackReason().orElseThrow().startsWith("gradus-simd is not on the class path"));
    }

    @Test
    void autoFallsBackWhenTheSpeciesIsTooNarrow() {
        var narrow = provider("vector", Optional.of("the float species has 64 bits, fewer than the 128 the vector kernels need"), vectorKernels);
        var d = Kernels.decide("auto", true, Optional.empty(), List.of(scalar, narrow));
        assertSame(scalarKernels, d.kernels());
        assertEquals("the float species has 64 bits, fewer than the 128 the vector kernels need", d.fallbackReason().orElseThrow());
    }

    @Test
    void scalarModeNeverLooksAtVector() {
        var d = Kernels.decide(" Scalar ", true, Optional.empty(), List.of(scalar, vector));
        assertSame(scalarKernels, d.kernels());
        assertTrue(d.fallbackReason().isEmpty());
    }

    @Test
    void vectorModeFailsLoudlyWhenImpossible() {
        var e = assertThrows(IllegalStateException.class,
                () -> Kernels.decide("vector", false, Optional.empty(), List.of(scalar, vector)));
        assertEquals("gradus.kernels=vector, but the vector kernels cannot run: the jdk.incubator.vector module is not in the boot layer; "
                + "fix: start the JVM with --add-modules jdk.incubator.vector", e.getMessage());
    }

    @Test
    void vectorModeUsesVectorWhenPossible() {
        assertSame(vectorKernels, Kernels.decide("vector", true, Optional.empty(), List.of(scalar, vector)).kernels());
    }

    @Test
    void anUnknownModeIsRejected() {
        var e = assertThrows(IllegalStateException.class, () -> Kernels.decide("fast", true, Optional.empty(), List.of(scalar)));
        assertEquals("gradus.kernels must be auto, scalar or vector, got 'fast'", e.getMessage());
    }

    @Test
    void theScalarReferenceIsRequired() {
        var e = assertThrows(IllegalStateException.class, () -> Kernels.decide("auto", true, Optional.empty(), List.of(vector)));
        assertTrue(e.getMessage().startsWith("the scalar kernels (gradus-reference) are not on the class path"), e.getMessage());
    }
}
