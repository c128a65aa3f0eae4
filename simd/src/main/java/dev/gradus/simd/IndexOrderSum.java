package dev.gradus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float sum in index order, {@code acc + x[0] + x[1] + …} with every addition rounded to float32,
 * with the bits of the plain loop but not its chain of dependent additions (SWATS's dot products,
 * spec R18, which the golden files fix to this order).
 *
 * <p><b>Why it is exact.</b> Let the accumulator {@code a} be a normal float of exponent field
 * {@code e}, so that it is a whole number {@code A} of units {@code G = ulp(a) = 2^(e−150)}, with
 * 2^23 ≤ A &lt; 2^24. While every partial sum stays inside that binade, the float nearest to
 * {@code a + x} is {@code a} plus the multiple of {@code G} nearest to {@code x}: the floats of the
 * binade are exactly the multiples of {@code G}, and {@code a} is one. So each addition adds the whole
 * number {@code n = rint(x/G)} of units, whatever came before, and the additions of a block can be
 * formed lanewise and added as integers, in any order, exactly. The only places where the order
 * matters are where that premise fails, and each is tested and sent to the plain loop:
 * <ul>
 *   <li>a tie, {@code x/G} exactly halfway between two integers, where the rounding goes to the even
 *       result and so depends on {@code a}; and NaN and infinite terms: all fail {@code |x/G − n| < 1/2};</li>
 *   <li>a partial sum that leaves the binade or comes within one unit of its ends: every partial sum of
 *       the block, {@code A} itself among them, lies between {@code A} plus the sum of its negative {@code n} and {@code A} plus the sum of
 *       its positive {@code n}, and both must lie in [2^23 + 1, 2^24 − 1] (mirrored for a negative
 *       {@code a}). Then the exact {@code a + x} of every step lies within half a unit of the next partial
 *       sum, strictly inside the binade, where the premise holds;</li>
 *   <li>an accumulator that is zero, subnormal, infinite or NaN, or so small that 2^(150−e) is not a
 *       float ({@code e} &lt; 23).</li>
 * </ul>
 * {@code x/G} is {@code x·2^(150−e)}, exact but where it falls below 2^−126, which only rounds terms that
 * are too small to move {@code a} ({@code n = 0} either way). {@code rint} is {@code (y + 1.5·2^23) −
 * 1.5·2^23}, exact for |y| &lt; 2^22; the block is accepted only when the sum of the |n| is below 2^22,
 * which bounds every |n|, so every |y| is in that range, and keeps every lane sum of the integers exact
 * in float.
 *
 * <p><b>How fast.</b> A block (the SWATS kernel's 512 elements) is tried whole; if refused, in chunks of
 * 64, each refused chunk in the plain loop. Where the sums grow steadily (SWATS's {@code pp}, and
 * {@code pg} while the step descends) only the chunks where the accumulator crosses a power of two, or a
 * term is a tie, take the loop. Terms of mixed signs whose sum stays small against their magnitudes fail
 * the range test and take it too: never wrong, only as slow as the loop plus the tries, which is why the
 * looped chunks are counted for the caller ({@link VectorSwats} leaves this path when they grow).
 */
final class IndexOrderSum {

    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /** Elements of a chunk, the unit a refused block is retried in: a multiple of twice every species length. */
    static final int CHUNK = 64;
    /** 1.5·2^23: y + this − this is y rounded to an integer (ties to even) for |y| &lt; 2^22. */
    static final float ROUNDER = 0x1.8p23f;
    private static final int HALF_BITS = Float.floatToRawIntBits(0.5f);
    private static final int MIN_UNITS = (1 << 23) + 1, MAX_UNITS = (1 << 24) - 1;
    /** The smallest exponent field for which 2^(150−e) is a normal float. */
    private static final int MIN_EXPONENT = 23;

    private IndexOrderSum() {
    }

    /**
     * {@code acc} plus {@code x[from]}, …, {@code x[from + len − 1]} in that order, each addition rounded: the loop's
     * bits. The block is tried whole, then in chunks; {@code looped[0]} counts the chunks that took the plain loop, so
     * that a caller can tell sums this path does not help (mixed signs) and stop trying it.
     */
    static float add(float acc, float[] x, int from, int len, int[] looped) {
        final int whole = len - len % CHUNK;
        if (whole > CHUNK) {
            final float all = onGrid(acc, x, from, whole);
            if (all == all) {
                return loop(all, x, from + whole, from + len);
            }
        }
        return inChunks(acc, x, from, len, looped);
    }

    /**
     * As {@link #add}, for a caller that has formed the block's whole units itself (as {@link #onGrid} does, with
     * {@link #toUnits} and {@link #ROUNDER}): {@code worst} the largest |y − n| as bits, {@code total} and
     * {@code totalAbs} the sums of the n and of their magnitudes. The sum if they pass, else the block in chunks.
     */
    static float settle(float acc, int worst, float total, float totalAbs, float[] x, int from, int len, int[] looped) {
        final float sum = worst < HALF_BITS ? wholeUnits(acc, total, totalAbs) : Float.NaN;
        return sum == sum ? sum : inChunks(acc, x, from, len, looped);
    }

    /** The block in chunks of {@link #CHUNK} on the grid where they pass, the rest in the loop (counted in {@code looped[0]}). */
    private static float inChunks(float acc, float[] x, int from, int len, int[] looped) {
        final int end = from + len - len % CHUNK;
        int i = from;
        for (; i < end; i += CHUNK) {
            final float chunk = onGrid(acc, x, i, CHUNK);
            if (chunk == chunk) {
                acc = chunk;
            } else {
                acc = loop(acc, x, i, i + CHUNK);
                looped[0]++;
            }
        }
        return loop(acc, x, i, from + len);
    }

    /** The plain loop, the specification. */
    static float loop(float acc, float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            // acc ← acc + x_i, in index order
            acc = acc + x[i];
        }
        return acc;
    }

    /**
     * The sum of a block of {@code n} terms ({@code n} a multiple of twice the species length) as whole units of
     * {@code acc}'s ulp, or NaN where the premise (class comment) does not hold for the block.
     */
    static float onGrid(float acc, float[] x, int from, int n) {
        final FloatVector toUnits = FloatVector.broadcast(S, toUnits(acc));
        final FloatVector rounder = FloatVector.broadcast(S, ROUNDER);
        // two of each accumulator, over alternate vectors: two chains of additions each, not one
        FloatVector sum0 = FloatVector.zero(S), sumAbs0 = FloatVector.zero(S), sum1 = sum0, sumAbs1 = sum0;
        IntVector worst = IntVector.zero(I);
        for (int i = from; i < from + n; i += 2 * S.length()) {
            // y ← x/G, n ← rint(y)
            final FloatVector y0 = FloatVector.fromArray(S, x, i).mul(toUnits);
            final FloatVector y1 = FloatVector.fromArray(S, x, i + S.length()).mul(toUnits);
            final FloatVector n0 = y0.add(rounder).sub(rounder), n1 = y1.add(rounder).sub(rounder);
            // the largest |y − n| as bits (non-negative floats order as their bits; NaN above all)
            worst = worst.max(y0.sub(n0).abs().reinterpretAsInts()).max(y1.sub(n1).abs().reinterpretAsInts());
            sum0 = sum0.add(n0);
            sum1 = sum1.add(n1);
            sumAbs0 = sumAbs0.add(n0.abs());
            sumAbs1 = sumAbs1.add(n1.abs());
        }
        if (worst.reduceLanes(VectorOperators.MAX) >= HALF_BITS) {
            return Float.NaN;
        }
        return wholeUnits(acc, sum0.add(sum1).reduceLanes(VectorOperators.ADD), sumAbs0.add(sumAbs1).reduceLanes(VectorOperators.ADD));
    }

    /** 2^(150−e), which turns a term into units of {@code acc}'s ulp; NaN where {@code acc} has no such grid (class comment). */
    static float toUnits(float acc) {
        final int exponent = (Float.floatToRawIntBits(acc) >>> 23) & 0xff;
        return exponent < MIN_EXPONENT || exponent == 0xff ? Float.NaN : Float.intBitsToFloat((150 - exponent + 127) << 23);
    }

    /**
     * {@code acc} plus {@code total} units of its ulp, or NaN where a partial sum may leave the binade: {@code total}
     * and {@code totalAbs} are the sums of the block's n and of their magnitudes (float sums of whole numbers,
     * exact in any order while below 2^24; NaN or too large refuses).
     */
    private static float wholeUnits(float acc, float total, float totalAbs) {
        if (!(totalAbs < 0x1p22f)) {
            return Float.NaN;
        }
        // the sums of the positive and of the negative n, exact (whole numbers below 2^23)
        final int up = (int) ((totalAbs + total) / 2), down = (int) ((total - totalAbs) / 2), net = (int) total;
        final int bits = Float.floatToRawIntBits(acc), a = (bits & 0x7fffff) | 0x800000;
        final boolean negative = bits < 0;
        final int lowest = negative ? a - up : a + down, highest = negative ? a - down : a + up;
        if (lowest < MIN_UNITS || highest > MAX_UNITS) {
            return Float.NaN;
        }
        final int result = negative ? a - net : a + net;
        return Float.intBitsToFloat((bits & 0xff800000) | (result & 0x7fffff));
    }
}
