package dev.gradus.kernel;

import java.util.Optional;

/**
 * What {@link Kernels} chose and why.
 *
 * @param provider       {@code "scalar"} or {@code "vector"}
 * @param vectorBits     the float species width of the chosen kernels, 0 for scalar
 * @param fallbackReason when the scalar kernels were chosen in {@code auto} mode because the
 *                       vector kernels cannot run: the cause and the fix; empty otherwise
 */
public record KernelChoice(String provider, int vectorBits, Optional<String> fallbackReason) {
}
