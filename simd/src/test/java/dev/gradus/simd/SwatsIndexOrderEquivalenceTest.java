package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Swats;
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
 * SWATS's default dot products ({@code INDEX_ORDER_FLOAT}), vector ≡ scalar at this JVM's width, at
 * every length up to 1100 and at 300 drawn up to 6000: the kernel as it runs, and its three stages alone
 * ({@link SwatsTwins#THREE_STAGES}). The kernel's blocks in whole units ({@link SwatsWholeUnitBlocksTest})
 * carry these data (products of both signs) until more than about a quarter of the chunks have failed, which
 * may come late or never, so the three stages are also run alone: they run a vector apart and add each element's products 512 elements after computing
 * them, from a ring of the last 1024; lengths below two vectors skip the pipeline, and each length has
 * its own fill, drain and wrap of the ring. The catalogue's property draws lengths up to 300 and three large ones, so it never
 * reaches most of those cases. On these data (values, moments and gradients spread over several
 * binades) a float sum in another order almost always ends in other bits; the property counts how
 * often the reverse order does, to show that a product added out of turn would be seen.
 */
@Tag("vector-width")
class SwatsIndexOrderEquivalenceTest {

    private static final SwatsCoefficients C = Swats.swats().coefficients(
            new StepContext(3, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));

    @Test
    void theFloatDotProductsHaveTheScalarBitsAtEveryLength() {
        VectorKernelsAvailable.orSkip();
        AtomicInteger cases = new AtomicInteger(), orderVisible = new AtomicInteger();
        qt().withExamples(300).forAll(Generate.range(0, 6000), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            boolean amsgrad = r.nextBoolean();
            int from = r.nextInt(20), to = from + n;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), r);
                String what = (amsgrad ? "amsgrad" : "adam") + " n=" + n + " from=" + from + " seed=" + seed;
                double[] s = SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, C, what);
                MemorySegment[] again = buffers(arena, to + 20, new SplittableRandom(seed + 1));
                SwatsTwins.assertSameBits(SwatsTwins.THREE_STAGES, arena, again, from, to, amsgrad, false, C, what + ", three stages");
                if (n >= 100) {
                    cases.incrementAndGet();
                    float reverse = 0f;                     // the same products, added from the last to the first
                    for (int i = to - 1; i >= from; i--) {
                        float u = a[0].getAtIndex(ValueLayout.JAVA_FLOAT, i);   // θ was 0, so θ is now u
                        reverse = reverse + u * a[1].getAtIndex(ValueLayout.JAVA_FLOAT, i);  // no weight decay: g as stored
                    }
                    if (Float.floatToIntBits(reverse) != Float.floatToIntBits((float) s[0])) {
                        orderVisible.incrementAndGet();
                    }
                }
            }
        });
        System.out.println("[gradus] swats float sums @" + FloatSpecies.SPECIES.vectorBitSize() + " bits: " + cases
                + " cases of 100 or more elements, the reverse order differs in " + orderVisible);
        assertTrue(orderVisible.get() * 10 > cases.get() * 9, "the data should expose the summation order: "
                + orderVisible + " of " + cases);
    }

    @Test
    void everyLengthUpTo1100HasTheScalarBits() {
        VectorKernelsAvailable.orSkip();
        SplittableRandom r = new SplittableRandom(20261122);
        for (int n = 0; n <= 1100; n++) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                int from = r.nextInt(20), to = from + n;
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment[] a = buffers(arena, to + r.nextInt(20), r);
                    String what = (amsgrad ? "amsgrad" : "adam") + " n=" + n + " from=" + from;
                    SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, C, what);
                    SwatsTwins.assertSameBits(SwatsTwins.THREE_STAGES, arena, buffers(arena, to + r.nextInt(20), r), from, to,
                            amsgrad, false, C, what + ", three stages");
                }
            }
        }
    }

    /**
     * With coupled weight decay and θ ≠ 0, which the kernel applies twice per vector (stage A for m
     * and v, stage C again for the products u·g from the values it reloads), every length to 1100 and
     * 100 drawn to 3000.
     */
    @Test
    void coupledWeightDecayHasTheScalarBits() {
        VectorKernelsAvailable.orSkip();
        SwatsCoefficients l2 = Swats.swats().withWeightDecay(0.01).coefficients(
                new StepContext(3, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));
        assertTrue(l2.l2());
        SplittableRandom r = new SplittableRandom(20261206);
        for (int k = 0; k <= 1200; k++) {
            int n = k <= 1100 ? k : r.nextInt(3001);
            boolean amsgrad = r.nextBoolean();
            int from = r.nextInt(20), to = from + n;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), r);
                for (int i = 0; i < a[0].byteSize() / 4; i++) {
                    a[0].setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
                }
                String what = (amsgrad ? "amsgrad" : "adam") + " with weight decay, n=" + n + " from=" + from;
                MemorySegment[] b = SwatsTwins.copies(arena, a);
                SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, l2, what);
                SwatsTwins.assertSameBits(SwatsTwins.THREE_STAGES, arena, b, from, to, amsgrad, false, l2, what + ", three stages");
            }
        }
    }

    /** θ = 0 (so that θ after the step is u), g, m, v, vMax over {@code total} floats, spread over binades. */
    private static MemorySegment[] buffers(Arena arena, int total, SplittableRandom r) {
        MemorySegment[] s = new MemorySegment[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = arena.allocate(4L * total, 64);
        }
        for (int i = 0; i < total; i++) {
            float g = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(-8, 4)));
            float v = g * g * (float) (0.5 + r.nextDouble());
            s[1].setAtIndex(ValueLayout.JAVA_FLOAT, i, g);
            s[2].setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(-8, 4))));
            s[3].setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
            s[4].setAtIndex(ValueLayout.JAVA_FLOAT, i, r.nextBoolean() ? v : 2 * v);
        }
        return s;
    }
}
