package dev.gradus.kernel;

/**
 * The two dot products of one parameter's SWATS Adam-phase step (spec R18), u being the Adam update
 * just added to θ and g the gradient after weight decay: each product rounded to float32 and added in
 * the order of the {@link SwatsKernels} method that returned them.
 *
 * @param updateDotGrad   pg = Σ u·g
 * @param updateDotUpdate pp = Σ u·u
 */
public record SwatsDots(float updateDotGrad, float updateDotUpdate) {
}
