package dev.gradus.kernel;

/**
 * The two dot products of one parameter's SWATS Adam-phase step (spec R18), u being the Adam update
 * just added to θ and g the gradient after weight decay: each product rounded to float32 and added,
 * one element at a time in index order, to an accumulator that starts at +0 (the reference BLAS
 * {@code sdot} of the golden build).
 *
 * @param updateDotGrad   pg = Σ u·g
 * @param updateDotUpdate pp = Σ u·u
 */
public record SwatsDots(float updateDotGrad, float updateDotUpdate) {
}
