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

    /** The Lookahead synchronisation (spec R16). */
    LookaheadKernels lookahead();

    /** Gradient clipping and checks (spec C1, C2). */
    TransformKernels transforms();

    /** Adagrad (spec R4). */
    AdagradKernels adagrad();

    /** RMSprop, centered or not, with or without momentum (spec R5). */
    RmspropKernels rmsprop();

    /** Adamax (spec R9). */
    AdamaxKernels adamax();

    /** AdaBound and AMSBound (spec R12). */
    AdaBoundKernels adaBound();

    /** AdaMod (spec R13). */
    AdaModKernels adaMod();

    /** NAdam, torch's momentum-decay form and Dozat's constant-μ form (spec R10). */
    NAdamKernels nadam();

    /** RAdam, torch's and the paper repository's forms (spec R11). */
    RAdamKernels radam();

    /** DiffGrad, diffGrad v2 form (spec R14). */
    DiffGradKernels diffGrad();

    /** Yogi, jettify's form (spec R15). */
    YogiKernels yogi();

    /** SWATS, Adam phase with its dot products and the two SGD-phase forms (spec R18). */
    SwatsKernels swats();
}
