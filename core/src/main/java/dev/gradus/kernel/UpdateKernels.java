package dev.gradus.kernel;

/**
 * The kernel SPI: per-element float math of every update rule, one family accessor per rule.
 *
 * <p>Implementations trust their input: the {@link dev.gradus.Optimizer} facade has validated
 * lengths, liveness, aliasing and the learning rate before a kernel runs. Every method works on
 * the element range {@code [from, to)} of float32 {@link java.lang.foreign.MemorySegment}s in
 * native byte order and touches nothing outside it. Two implementations exist: the scalar
 * reference ({@code gradus-reference}, the specification in code) and the vector twins
 * ({@code gradus-simd}), which perform the same operations in the same order on the same
 * temporaries, so the results agree bit for bit (except where a rule's element function is not
 * bit-reproducible by nature: DiffGrad's {@code exp}, spec §0.6).
 */
public interface UpdateKernels {

    /** {@code "scalar"} or {@code "vector"}. */
    String name();

    /** Width in bits of the float species the kernels use; 0 for the scalar reference. */
    int vectorBits();

    /** SGD, with and without momentum (spec R1–R3). */
    SgdKernels sgd();

    /** Adam, AdamW and their AMSGrad variants (spec R6–R8). */
    AdamKernels adam();

    /** DiffGrad, diffGrad v2 form (spec R14). */
    DiffGradKernels diffGrad();

    /** Yogi, jettify's form (spec R15). */
    YogiKernels yogi();
}
