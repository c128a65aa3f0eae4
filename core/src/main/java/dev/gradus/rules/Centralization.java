package dev.gradus.rules;

import java.util.List;

/**
 * Gradient centralisation (Yong et al. 2020, as Ranger applies it; spec R17): for a parameter of
 * rank above the threshold, each row of its leading dimension has its mean subtracted,
 * {@code g ← g + (−mean_row)}, the mean summed in double in a fixed order and rounded to float
 * once. It writes the centralised gradient into the gradient buffer, as the source does.
 *
 * @param convOnly only parameters of rank above 3 (convolution kernels); otherwise rank above 1
 */
public record Centralization(boolean convOnly) {

    /** Whether a parameter of this shape is centralised. */
    public boolean appliesTo(List<Integer> shape) {
        return shape.size() > (convOnly ? 3 : 1);
    }
}
