package dev.gradus.reference;

import dev.gradus.kernel.KernelProvider;
import dev.gradus.kernel.UpdateKernels;

import java.util.Optional;

/** Provides the scalar reference kernels; they run in every JVM. */
public final class ScalarKernelProvider implements KernelProvider {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public UpdateKernels kernels() {
        return ScalarUpdateKernels.INSTANCE;
    }
}
