package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Swats;
import dev.gradus.testing.Equivalence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * SWATS's double dot products ({@code FIXED_ORDER_DOUBLE}), vector ≡ scalar at this JVM's width, on data
 * that makes the order of the double additions visible. On ordinary data a double sum rounded to float
 * rarely depends on that order, so the catalogue's property alone would not notice an element added to
 * the wrong accumulator. Here a third of the products u·g come in exactly opposite pairs of about 2^28
 * (m = ±K·2^40, g = 1), 16 elements apart, between tiny ones of about 2^-36 (g = 2^-30). In the documented
 * order each pair goes to one accumulator back to back and cancels exactly, so the tiny products survive;
 * in any other assignment or order a big partial sum stays in some accumulator for a while and the tiny
 * products added to it meanwhile are rounded away. The property counts how often a plain index-order
 * double sum of the same products gives another pg, to show that the data exposes the order.
 */
@Tag("vector-width")
class SwatsFixedOrderEquivalenceTest {

    private static final SwatsCoefficients C = Swats.swats().coefficients(
            new StepContext(3, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));

    @Test
    void theDoubleDotProductsHaveTheScalarBitsOnOrderSensitiveData() {
        VectorKernelsAvailable.orSkip();
        AtomicInteger cases = new AtomicInteger(), orderVisible = new AtomicInteger();
        qt().withExamples(400).forAll(Equivalence.sizes(), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            boolean amsgrad = r.nextBoolean();
            int from = r.nextInt(20), to = from + n;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), from, n, r);
                String what = (amsgrad ? "amsgrad" : "adam") + " n=" + n + " seed=" + seed;
                double[] s = SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, true, C, what);
                cases.incrementAndGet();
                double plain = 0;                                   // the same products, one double sum in index order
                for (int i = from; i < to; i++) {
                    plain += a[0].getAtIndex(ValueLayout.JAVA_FLOAT, i) * a[1].getAtIndex(ValueLayout.JAVA_FLOAT, i);
                }
                if (Double.doubleToLongBits(plain) != Double.doubleToLongBits(s[0])) {
                    orderVisible.incrementAndGet();
                }
            }
        });
        System.out.println("[gradus] swats double sums @" + FloatSpecies.SPECIES.vectorBitSize() + " bits: " + cases
                + " cases, a plain double sum differs in " + orderVisible);
        assertTrue(orderVisible.get() * 4 > cases.get(), "the data should expose the summation order in many cases: "
                + orderVisible + " of " + cases);
    }

    /**
     * θ, g, m, v, vMax over {@code total} floats; over [from, from + n) the order-exposing data above, outside
     * it ordinary values. θ = 0, so that θ after the step is u itself.
     */
    private static MemorySegment[] buffers(Arena arena, int total, int from, int n, SplittableRandom r) {
        MemorySegment[] s = new MemorySegment[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = arena.allocate(4L * total, 64);
        }
        float[] m = new float[total], g = new float[total];
        for (int i = 0; i < total; i++) {
            // tiny: |u·g| ≈ 2^-36
            m[i] = (float) (0x1p-20 * r.nextDouble());
            g[i] = r.nextBoolean() ? 0x1p-30f : -0x1p-30f;
        }
        boolean[] taken = new boolean[total];
        for (int i = from; i + 16 < from + n; i++) {
            if (!taken[i] && !taken[i + 16] && r.nextInt(3) == 0) {
                // big: m = ±K·2^40 with g = 1, so u·g ≈ ±2^28, exactly opposite, 16 apart: in the
                // documented order both go to one accumulator, one after the other, and it is back at 0
                float big = 0x1p40f * (1 + r.nextInt(8));
                m[i] = big;
                m[i + 16] = -big;
                g[i] = 1f;
                g[i + 16] = 1f;
                taken[i] = taken[i + 16] = true;
            }
        }
        for (int i = 0; i < total; i++) {
            s[1].setAtIndex(ValueLayout.JAVA_FLOAT, i, g[i]);
            s[2].setAtIndex(ValueLayout.JAVA_FLOAT, i, m[i]);
            s[3].setAtIndex(ValueLayout.JAVA_FLOAT, i, g[i] * g[i]);
            s[4].setAtIndex(ValueLayout.JAVA_FLOAT, i, g[i] * g[i]);
        }
        return s;
    }
}
