package dev.gradus.kernel;

import java.util.Optional;

/**
 * A source of {@link UpdateKernels}, found with {@link java.util.ServiceLoader}.
 *
 * <p>An implementation's own class must load and answer {@link #unavailableReason()} in any JVM,
 * with or without the modules its kernels need: it touches those only after it has checked them.
 */
public interface KernelProvider {

    /** {@code "scalar"} or {@code "vector"}. */
    String name();

    /** Why the kernels cannot run in this JVM (naming the fix), or empty when they can. */
    Optional<String> unavailableReason();

    /** The kernels; call only when {@link #unavailableReason()} is empty. */
    UpdateKernels kernels();
}
