package dev.gradus.rules;

import dev.gradus.kernel.UpdateKernels;

/** One step of a rule, its scalars fixed: applies the element formula to a range of one parameter. */
@FunctionalInterface
public interface StepPlan {

    /** Updates elements {@code [from, to)} of {@code buffers} with {@code kernels}. */
    void apply(UpdateKernels kernels, ParamBuffers buffers, long from, long to);
}
