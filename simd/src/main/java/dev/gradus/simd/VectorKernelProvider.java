package dev.gradus.simd;

import dev.gradus.kernel.KernelProvider;
import dev.gradus.kernel.UpdateKernels;

import java.util.Optional;

/**
 * Provides the vector kernels. This class names no Vector API type: it checks that the
 * {@code jdk.incubator.vector} module is present before it touches any class that does.
 */
public final class VectorKernelProvider implements KernelProvider {

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public Optional<String> unavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.of("the jdk.incubator.vector module is not in the boot layer; "
                    + "fix: start the JVM with --add-modules jdk.incubator.vector");
        }
        return Optional.ofNullable(VectorUpdateKernels.problem());
    }

    @Override
    public UpdateKernels kernels() {
        unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("the vector kernels cannot run: " + r);
        });
        return VectorUpdateKernels.INSTANCE;
    }
}
