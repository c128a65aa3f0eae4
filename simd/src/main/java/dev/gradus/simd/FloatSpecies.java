package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every vector kernel uses, chosen once: the machine's preferred one, or the
 * width in bits named by {@value Kernels#BITS_PROPERTY} (tests run 128, 256 and 512 in forked JVMs).
 * {@code static final}, so C2 folds it into the loops.
 */
final class FloatSpecies {

    static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    static final int REQUESTED_BITS = Integer.getInteger(Kernels.BITS_PROPERTY, PREFERRED_BITS);
    static final VectorSpecies<Float> SPECIES = REQUESTED_BITS == PREFERRED_BITS || !valid(REQUESTED_BITS)
            ? FloatVector.SPECIES_PREFERRED
            : VectorSpecies.of(float.class, VectorShape.forBitSize(REQUESTED_BITS));
    /**
     * Lanes {@code SPECIES.length()/2 …} first, then the lower half: after it a widening conversion of part
     * 0 ({@code convertShape(F2D, D, 0)}) gives the same doubles as part 1 of the unshuffled vector. Part 1
     * itself compiles (AVX2) to a permute, a blend with zeros and the conversion; this to a permute and the
     * conversion: SWATS's double sums 10% faster at 64K on Zen 3.
     */
    static final VectorShuffle<Float> UPPER_HALF_FIRST = VectorShuffle.iota(SPECIES, SPECIES.length() / 2, 1, true);

    private FloatSpecies() {
    }

    private static boolean valid(int bits) {
        return bits == 64 || bits == 128 || bits == 256 || bits == 512;
    }

    /** Why this species must not be used, or null. */
    static String problem() {
        if (!valid(REQUESTED_BITS)) {
            return Kernels.BITS_PROPERTY + " must be 128, 256 or 512, got " + REQUESTED_BITS;
        }
        if (REQUESTED_BITS > PREFERRED_BITS) {
            return Kernels.BITS_PROPERTY + "=" + REQUESTED_BITS + " is wider than this machine's preferred float species ("
                    + PREFERRED_BITS + " bits); a wider species is not intrinsified, so it is never forced";
        }
        if (REQUESTED_BITS < 128) {
            return "the float species has " + REQUESTED_BITS + " bits, fewer than the 128 the vector kernels need"
                    + (REQUESTED_BITS == PREFERRED_BITS ? " (this CPU's preferred width)" : "");
        }
        return null;
    }
}
