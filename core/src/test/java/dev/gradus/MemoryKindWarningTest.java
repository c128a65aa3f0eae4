package dev.gradus;

import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Adam;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The optimizer reports each successful registration's memory to {@link MemoryKindMix} when its
 * kernels are vector ones, and only then. Registration does not call the kernels, so a stand-in
 * that only answers {@link UpdateKernels#vectorBits()} serves.
 */
class MemoryKindWarningTest {

    private static UpdateKernels kernelsOfWidth(int bits) {
        return (UpdateKernels) Proxy.newProxyInstance(UpdateKernels.class.getClassLoader(), new Class<?>[]{UpdateKernels.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "vectorBits" -> bits;
                    case "name" -> bits > 0 ? "vector" : "scalar";
                    default -> throw new AssertionError("registration called the kernels: " + method.getName());
                });
    }

    private static Optimizer optimizer(int bits, RecordingLogger log) {
        Optimizer.Builder<Adam> b = Optimizer.builder(Adam.adam()).kernels(kernelsOfWidth(bits)).singleThreaded();
        b.memoryKinds = new MemoryKindMix(log);
        return b.build();
    }

    @Test
    void vectorKernelsWarnAtTheFirstParameterOfTheOtherKind() {
        RecordingLogger log = new RecordingLogger();
        try (Arena arena = Arena.ofConfined(); Optimizer opt = optimizer(512, log)) {
            opt.register("w", new float[16], new float[16]);
            assertEquals(List.of(), log.entries());
            opt.register("n", arena.allocate(64, 64), arena.allocate(64, 64));
            opt.register("n2", arena.allocate(64, 64), arena.allocate(64, 64));
            log.assertOneWarning("Gradus: parameter 'n' is in native memory, earlier parameters in heap memory;");
        }
    }

    @Test
    void aBlockIsNamedAsABlock() {
        RecordingLogger log = new RecordingLogger();
        ParameterLayout layout = ParameterLayout.builder().add("x", 4).add("y", 4).build();
        try (Arena arena = Arena.ofConfined(); Optimizer opt = optimizer(256, log)) {
            opt.register("w", arena.allocate(64, 64), arena.allocate(64, 64));
            opt.register(layout, new float[8], new float[8]);
            log.assertOneWarning("Gradus: block of parameters [x, y] is in heap memory,");
        }
    }

    @Test
    void aParameterWithAValueAndAGradientOfDifferentKindsIsNamed() {
        RecordingLogger log = new RecordingLogger();
        try (Arena arena = Arena.ofConfined(); Optimizer opt = optimizer(128, log)) {
            opt.register("mixed", MemorySegment.ofArray(new float[16]), arena.allocate(64, 64));
            log.assertOneWarning("Gradus: parameter 'mixed' has its value in heap memory");
        }
    }

    @Test
    void aRefusedRegistrationIsNotNoted() {
        RecordingLogger log = new RecordingLogger();
        try (Arena arena = Arena.ofConfined(); Optimizer opt = optimizer(512, log)) {
            opt.register("w", new float[16], new float[16]);
            assertThrows(IllegalArgumentException.class, () -> opt.register("n", arena.allocate(64, 64), arena.allocate(32, 64)));
            assertEquals(List.of(), log.entries());
            opt.register("n", arena.allocate(64, 64), arena.allocate(64, 64));
            log.assertOneWarning("Gradus: parameter 'n' is in native memory");
        }
    }

    @Test
    void theScalarReferenceSaysNothing() {
        RecordingLogger log = new RecordingLogger();
        try (Arena arena = Arena.ofConfined(); Optimizer opt = optimizer(0, log)) {
            opt.register("w", new float[16], new float[16]);
            opt.register("n", arena.allocate(64, 64), arena.allocate(64, 64));
            opt.register("mixed", MemorySegment.ofArray(new float[16]), arena.allocate(64, 64));
            assertEquals(List.of(), log.entries());
        }
    }
}
