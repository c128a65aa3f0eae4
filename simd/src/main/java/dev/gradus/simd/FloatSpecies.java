package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every vector kernel uses, chosen once: the machine's preferred one, or the
 * width in bits named by {@value Kernels#BITS_PROPERTY} (tests run 128, 256 and 512 in forked JVMs).
 * {@code static final}, so C2 folds it into the loops. A width above the preferred one is refused
 * unless {@value Kernels#EMULATED_PROPERTY} is true: the Vector API then runs it in plain Java, which
 * gives the same floats slowly, so that the 512-bit test pass checks the 512-bit kernels on an AVX2
 * machine too.
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

    /** Whether a width above the preferred one may run, in plain Java ({@value Kernels#EMULATED_PROPERTY}). */
    static final boolean EMULATION_ALLOWED = Boolean.getBoolean(Kernels.EMULATED_PROPERTY);

    static {
        if (emulated() && EMULATION_ALLOWED && valid(REQUESTED_BITS)) {
            System.getLogger("dev.gradus.kernels").log(System.Logger.Level.WARNING, "Gradus's vector kernels run a "
                    + REQUESTED_BITS + "-bit float species on a machine whose preferred one has " + PREFERRED_BITS
                    + " bits (" + Kernels.EMULATED_PROPERTY + "=true): the Vector API runs it in plain Java, far slower"
                    + " than the scalar kernels; use it only to test the wider kernels' floats");
        }
    }

    private FloatSpecies() {
    }

    /** Whether the requested width is above the machine's preferred one (runs only when emulation is allowed). */
    static boolean emulated() {
        return REQUESTED_BITS > PREFERRED_BITS;
    }

    private static boolean valid(int bits) {
        return bits == 64 || bits == 128 || bits == 256 || bits == 512;
    }

    /** Why this species must not be used, or null. */
    static String problem() {
        return problem(REQUESTED_BITS, PREFERRED_BITS, EMULATION_ALLOWED);
    }

    /** Why a species of {@code requested} bits must not be used on a machine preferring {@code preferred}, or null. */
    static String problem(int requested, int preferred, boolean emulationAllowed) {
        if (!valid(requested)) {
            return Kernels.BITS_PROPERTY + " must be 128, 256 or 512, got " + requested;
        }
        if (requested > preferred && !emulationAllowed) {
            return Kernels.BITS_PROPERTY + "=" + requested + " is wider than this machine's preferred float species ("
                    + preferred + " bits); a wider species is not intrinsified, so it is refused (for tests of its"
                    + " floats only: " + Kernels.EMULATED_PROPERTY + "=true)";
        }
        if (requested < 128) {
            return "the float species has " + requested + " bits, fewer than the 128 the vector kernels need"
                    + (requested == preferred ? " (this CPU's preferred width)" : "");
        }
        return null;
    }
}
