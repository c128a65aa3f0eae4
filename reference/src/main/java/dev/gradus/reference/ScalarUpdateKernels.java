package dev.gradus.reference;

import dev.gradus.kernel.AdamKernels;
import dev.gradus.kernel.DiffGradKernels;
import dev.gradus.kernel.SgdKernels;
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
    public DiffGradKernels diffGrad() {
        return ScalarDiffGrad.INSTANCE;
    }

    @Override
    public YogiKernels yogi() {
        return ScalarYogi.INSTANCE;
    }

    @Override
    public String toString() {
        return "scalar";
    }
}
