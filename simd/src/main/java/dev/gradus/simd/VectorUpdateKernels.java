package dev.gradus.simd;

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
 * The vector twins of {@code ScalarUpdateKernels}: each kernel performs the scalar reference's
 * operations in the same order on the same temporaries, lane by lane, up to the species' loop
 * bound, and the scalar reference finishes the range, so the results are bit-identical. The one
 * exception is DiffGrad's {@code exp} (spec §0.6): the vector kernel's own inline exp
 * ({@code VectorFriction}, the same bits at every width and JIT tier) differs by 1 ulp from the
 * scalar {@code (float) Math.exp} for 0.8% of the float Δ in [0, 87].
 */
public final class VectorUpdateKernels implements UpdateKernels {

    static final VectorUpdateKernels INSTANCE = new VectorUpdateKernels();

    private VectorUpdateKernels() {
    }

    static String problem() {
        String species = FloatSpecies.problem();
        return species != null ? species : StreamingLoop.problem();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int vectorBits() {
        return FloatSpecies.SPECIES.vectorBitSize();
    }

    @Override
    public SgdKernels sgd() {
        return VectorSgd.INSTANCE;
    }

    @Override
    public AdamKernels adam() {
        return VectorAdam.INSTANCE;
    }

    @Override
    public LookaheadKernels lookahead() {
        return VectorLookahead.INSTANCE;
    }

    @Override
    public TransformKernels transforms() {
        return VectorTransforms.INSTANCE;
    }

    @Override
    public AdagradKernels adagrad() {
        return VectorAdagrad.INSTANCE;
    }

    @Override
    public RmspropKernels rmsprop() {
        return VectorRmsprop.INSTANCE;
    }

    @Override
    public AdamaxKernels adamax() {
        return VectorAdamax.INSTANCE;
    }

    @Override
    public AdaBoundKernels adaBound() {
        return VectorAdaBound.INSTANCE;
    }

    @Override
    public AdaModKernels adaMod() {
        return VectorAdaMod.INSTANCE;
    }

    @Override
    public NAdamKernels nadam() {
        return VectorNAdam.INSTANCE;
    }

    @Override
    public RAdamKernels radam() {
        return VectorRAdam.INSTANCE;
    }

    @Override
    public DiffGradKernels diffGrad() {
        return VectorDiffGrad.INSTANCE;
    }

    @Override
    public YogiKernels yogi() {
        return VectorYogi.INSTANCE;
    }

    @Override
    public SwatsKernels swats() {
        return VectorSwats.INSTANCE;
    }

    @Override
    public String toString() {
        return "vector(" + vectorBits() + ")";
    }
}
