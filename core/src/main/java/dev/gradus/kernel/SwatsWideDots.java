package dev.gradus.kernel;

/**
 * SWATS's two dot products in double, not yet rounded: what the fixed-order kernels
 * ({@link SwatsKernels#adamFixedOrder}) return for their range, so that the sums of a parameter's
 * parts can be added before the one rounding to float32
 * ({@link dev.gradus.rules.SwatsSums#FIXED_ORDER_DOUBLE}).
 *
 * @param updateDotGrad   pg = Σ u·g
 * @param updateDotUpdate pp = Σ u·u
 */
public record SwatsWideDots(double updateDotGrad, double updateDotUpdate) {

    /** Both sums zero: the sums of an empty range. */
    public static final SwatsWideDots ZERO = new SwatsWideDots(0, 0);

    /** Each sum plus {@code next}'s, in double, in that order. */
    public SwatsWideDots plus(SwatsWideDots next) {
        return new SwatsWideDots(updateDotGrad + next.updateDotGrad, updateDotUpdate + next.updateDotUpdate);
    }

    /** Each sum rounded once to float32 (to nearest). */
    public SwatsDots rounded() {
        return new SwatsDots((float) updateDotGrad, (float) updateDotUpdate);
    }
}
