package dev.gradus.reference;

import dev.gradus.kernel.AdagradKernels;
import dev.gradus.kernel.AdaBoundKernels;
import dev.gradus.kernel.AdaModKernels;
import dev.gradus.kernel.AdamKernels;
import dev.gradus.kernel.LookaheadKernels;
import dev.gradus.kernel.AdamaxKernels;
import dev.gradus.kernel.RmspropKernels;
import dev.gradus.kernel.NAdamKernels;
import dev.gradus.kernel.RAdamKernels;
import dev.gradus.kernel.DiffGradKernels;
import dev.gradus.kernel.SgdKernels;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.kernel.YogiKernels;

/**
 * The scalar reference: plain loops, one statement per spec operation, no FMA (spec §0.4), so
 * it reproduces torch 1.13.1's portable kernels bit for bit. It is the specification in code and
 * the fallback when the vector kernels cannot run.
 */
public final class ScalarUpdateKernels implements UpdateKernels {

    /** The one instance. */
    public static final ScalarUpdateKernels INSTANCE = new ScalarUpdateKernels();

    private ScalarUpdateKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public SgdKernels sgd() {
        return ScalarSgd.INSTANCE;
    }

    @Override
    public AdamKernels adam() {
        return ScalarAdam.INSTANCE;
    }

    @Override
    public LookaheadKernels lookahead() {
        return ScalarLookahead.INSTANCE;
    }

    @Override
    public TransformKernels transforms() {
        return ScalarTransforms.INSTANCE;
    }

    @Override
    public AdagradKernels adagrad() {
        return ScalarAdagrad.INSTANCE;
    }

    @Override
    public RmspropKernels rmsprop() {
        return ScalarRmsprop.INSTANCE;
    }

    @Override
    public AdamaxKernels adamax() {
        return ScalarAdamax.INSTANCE;
    }

    @Override
    public AdaBoundKernels adaBound() {
        return ScalarAdaBound.INSTANCE;
    }

    @Override
    public AdaModKernels adaMod() {
        return ScalarAdaMod.INSTANCE;
    }

    @Override
    public NAdamKernels nadam() {
        return ScalarNAdam.INSTANCE;
    }

    @Override
    public RAdamKernels radam() {
        return ScalarRAdam.INSTANCE;
    }

    @Override
    public DiffGradKernels diffGrad() {
        return ScalarDiffGrad.INSTANCE;
    }

    @Override
    public YogiKernels yogi() {
        return ScalarYogi.INSTANCE;
    }

    @Override
    public SwatsKernels swats() {
        return ScalarSwats.INSTANCE;
    }

    @Override
    public String toString() {
        return "scalar";
    }
}
