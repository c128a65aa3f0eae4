package dev.gradus.simd;

import dev.gradus.kernel.AdamKernels;
import dev.gradus.kernel.NAdamKernels;
import dev.gradus.kernel.RAdamKernels;
import dev.gradus.kernel.SgdKernels;
import dev.gradus.kernel.UpdateKernels;

/**
 * The vector twins of {@code ScalarUpdateKernels}: each kernel performs the scalar reference's
 * operations in the same order on the same temporaries, lane by lane, up to the species' loop
 * bound, and the scalar reference finishes the range, so the results are bit-identical.
 */
public final class VectorUpdateKernels implements UpdateKernels {

    static final VectorUpdateKernels INSTANCE = new VectorUpdateKernels();

    private VectorUpdateKernels() {
    }

    static String problem() {
        return FloatSpecies.problem();
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
    public NAdamKernels nadam() {
        return VectorNAdam.INSTANCE;
    }

    @Override
    public RAdamKernels radam() {
        return VectorRAdam.INSTANCE;
    }

    @Override
    public String toString() {
        return "vector(" + vectorBits() + ")";
    }
}
