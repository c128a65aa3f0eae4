package dev.gradus.simd;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * {@link IndexOrderSum} has the plain loop's bits for every accumulator and every term, at this JVM's
 * width: on steady sums (where its whole-unit path must carry most chunks, or the test would not test
 * it), on sums crossing powers of two, on ties, on mixed signs, and on arbitrary bit patterns with
 * zeros, subnormals, infinities, NaN and overflow.
 */
@Tag("vector-width")
class IndexOrderSumTest {

    private static final int FAMILIES = 6;

    @Test
    void everySumHasTheLoopsBits() {
        VectorKernelsAvailable.orSkip();
        AtomicLong chunks = new AtomicLong(), accepted = new AtomicLong();
        qt().withExamples(3000).forAll(Generate.range(0, FAMILIES - 1), Generate.range(0, 1500),
                Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((family, n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float acc = start(family, r);
            float[] x = terms(family, n + 40, acc, r);
            int from = r.nextInt(40), len = n;
            float expected = IndexOrderSum.loop(acc, x, from, from + len);
            float actual = IndexOrderSum.add(acc, x, from, len, new int[1]);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), () -> "family " + family
                    + ", acc " + acc + ", from " + from + ", len " + len + ", seed " + seed + ": " + expected + " against " + actual);
            if (family == 0) {
                float a = acc;      // how often the whole-unit path takes a chunk of a steady sum
                for (int i = from; i + IndexOrderSum.CHUNK <= from + len; i += IndexOrderSum.CHUNK) {
                    chunks.incrementAndGet();
                    float chunk = IndexOrderSum.onGrid(a, x, i, IndexOrderSum.CHUNK);
                    if (chunk == chunk) {
                        accepted.incrementAndGet();
                    }
                    a = IndexOrderSum.loop(a, x, i, i + IndexOrderSum.CHUNK);
                }
            }
        });
        System.out.println("[gradus] index-order sums @" + FloatSpecies.SPECIES.vectorBitSize() + " bits: the whole-unit path took "
                + accepted + " of " + chunks + " chunks of steady sums");
        assertTrue(chunks.get() > 1000 && accepted.get() * 2 > chunks.get(),
                "steady sums should take the whole-unit path: " + accepted + " of " + chunks + " chunks");
    }

    /**
     * {@link IndexOrderSum#settle}, fed a block's whole units formed one term at a time (as the SWATS kernel forms
     * them lanewise: the same float operations, and sums of whole numbers exact in any order where they are
     * accepted), has the loop's bits, and counts the chunks it adds in the loop.
     */
    @Test
    void settledBlocksHaveTheLoopsBits() {
        VectorKernelsAvailable.orSkip();
        AtomicLong settledWhole = new AtomicLong(), steadyChunks = new AtomicLong(), steadyLooped = new AtomicLong();
        qt().withExamples(3000).forAll(Generate.range(0, FAMILIES - 1), Generate.range(0, 1500),
                Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((family, n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float acc = start(family, r);
            float[] x = terms(family, n + 40, acc, r);
            int from = r.nextInt(40);
            float units = IndexOrderSum.toUnits(acc), total = 0f, totalAbs = 0f;
            int worst = 0;
            for (int i = from; i < from + n; i++) {
                float y = x[i] * units, nearest = (y + IndexOrderSum.ROUNDER) - IndexOrderSum.ROUNDER;
                worst = Math.max(worst, Float.floatToRawIntBits(Math.abs(y - nearest)));
                total += nearest;
                totalAbs += Math.abs(nearest);
            }
            int[] looped = {0};
            float expected = IndexOrderSum.loop(acc, x, from, from + n);
            float actual = IndexOrderSum.settle(acc, worst, total, totalAbs, x, from, n, looped);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), () -> "family " + family
                    + ", acc " + acc + ", from " + from + ", len " + n + ", seed " + seed + ": " + expected + " against " + actual);
            assertTrue(looped[0] >= 0 && looped[0] <= n / IndexOrderSum.CHUNK, "looped " + looped[0] + " of " + n / IndexOrderSum.CHUNK);
            if (looped[0] == 0 && n >= IndexOrderSum.CHUNK && worst < Float.floatToRawIntBits(0.5f)) {
                settledWhole.incrementAndGet();
            }
            if (family == 0) {
                steadyChunks.addAndGet(n / IndexOrderSum.CHUNK);
                steadyLooped.addAndGet(looped[0]);
            }
        });
        assertTrue(settledWhole.get() > 0, "some blocks should settle whole");
        assertTrue(steadyLooped.get() * 2 < steadyChunks.get(), "steady blocks should settle mostly in whole units: "
                + steadyLooped + " of " + steadyChunks + " chunks in the loop");
    }

    @Test
    void theLoopedChunksAreCounted() {
        VectorKernelsAvailable.orSkip();
        float[] x = new float[640];
        Arrays.fill(x, 0x1.4p-23f);                                     // 1.25 units of 1.25f: no tie, no crossing
        int[] looped = {0};
        assertEquals(IndexOrderSum.loop(1.25f, x, 0, 640), IndexOrderSum.add(1.25f, x, 0, 640, looped));
        assertEquals(0, looped[0]);
        x[200] = 0x1p-24f;                                              // half a unit: a tie in the fourth chunk
        assertEquals(IndexOrderSum.loop(1.25f, x, 0, 640), IndexOrderSum.add(1.25f, x, 0, 640, looped));
        assertEquals(1, looped[0]);
    }

    @Test
    void wholeUnitsAreAddedExactly() {
        VectorKernelsAvailable.orSkip();
        float[] ones = new float[64];
        Arrays.fill(ones, 0x1p-23f);                                    // one unit of 1.0f each
        assertEquals(1.25f + 64 * 0x1p-23f, IndexOrderSum.onGrid(1.25f, ones, 0, 64));
        assertTrue(Float.isNaN(IndexOrderSum.onGrid(1f, ones, 0, 64)), "a power of two: the binade's edge is a partial sum");
        assertEquals(-1.5f + 64 * 0x1p-23f, IndexOrderSum.onGrid(-1.5f, ones, 0, 64), "toward zero");
        assertTrue(Float.isNaN(IndexOrderSum.onGrid(-1f, ones, 0, 64)), "toward zero, out of the binade");
        Arrays.fill(ones, 0x1p-25f);                                    // a quarter unit: rounds to nothing
        assertEquals(1.5f, IndexOrderSum.onGrid(1.5f, ones, 0, 64));
    }

    @Test
    void whatTheWholeUnitPathRefuses() {
        VectorKernelsAvailable.orSkip();
        float[] x = new float[64];
        x[5] = 0x1p-24f;                                                // half a unit of 1.25f: a tie
        assertTrue(Float.isNaN(IndexOrderSum.onGrid(1.25f, x, 0, 64)), "a tie");
        x[5] = 0x1.8p-24f;                                              // 3/4 of a unit: rounds up, no tie
        assertEquals(1.25f + 0x1p-23f, IndexOrderSum.onGrid(1.25f, x, 0, 64));
        x[5] = 0x1p-23f;
        assertTrue(Float.isNaN(IndexOrderSum.onGrid(Math.nextDown(2f), x, 0, 64)), "to the top of the binade");
        x[5] = -0x1p-23f;
        assertTrue(Float.isNaN(IndexOrderSum.onGrid(Math.nextUp(1f), x, 0, 64)), "to the bottom of the binade");
        assertEquals(Math.nextUp(Math.nextUp(1f)), IndexOrderSum.onGrid(Math.nextUp(Math.nextUp(1f)), new float[64], 0, 64));
        for (float special : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1p30f}) {
            x[5] = special;
            assertTrue(Float.isNaN(IndexOrderSum.onGrid(1.25f, x, 0, 64)), "term " + special);
        }
        for (float acc : new float[] {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-110f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertTrue(Float.isNaN(IndexOrderSum.onGrid(acc, new float[64], 0, 64)), "accumulator " + acc);
        }
    }

    /** The accumulator a sum starts from, for each family. */
    private static float start(int family, SplittableRandom r) {
        return switch (family) {
            case 0, 3 -> r.nextInt(4) == 0 ? 0f : (float) (r.nextDouble() * 1e-3);
            case 1 -> (r.nextBoolean() ? 1 : -1) * Math.nextDown(Math.scalb(1f, r.nextInt(-20, 20)));
            case 2 -> 1f;
            case 4 -> Float.intBitsToFloat(r.nextInt());
            default -> r.nextBoolean() ? Math.nextDown(Float.MAX_VALUE) : -Math.nextDown(Float.MAX_VALUE);
        };
    }

    /**
     * 0 steady (one sign, magnitudes over four binades), 1 just short of a power of two and crossing it, 2
     * ties (eighths of a unit of 1.0f, some of them halves), 3 mixed signs, 4 arbitrary bits with specials,
     * 5 near overflow.
     */
    private static float[] terms(int family, int n, float acc, SplittableRandom r) {
        float[] x = new float[n];
        float sign = r.nextBoolean() ? 1 : -1;
        for (int i = 0; i < n; i++) {
            x[i] = switch (family) {
                case 0 -> sign * (float) (Math.scalb(1e-6, r.nextInt(-2, 2)) * (1 + r.nextDouble()));
                case 1 -> (r.nextInt(8) == 0 ? -1 : 1) * acc * (float) Math.scalb(1 + r.nextDouble(), -14);
                case 2 -> r.nextInt(-3, 12) * 0x1p-26f;
                case 3 -> (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(-12, -8)));
                case 4 -> special(r);
                default -> (float) (r.nextGaussian() * 1e37);
            };
        }
        return x;
    }

    private static float special(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> Float.NaN;
            case 1 -> r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            case 2 -> r.nextBoolean() ? 0f : -0f;
            case 3 -> Float.intBitsToFloat(r.nextInt(1, 0x800000)) * (r.nextBoolean() ? 1 : -1);   // subnormal
            default -> Float.intBitsToFloat(r.nextInt());
        };
    }
}
