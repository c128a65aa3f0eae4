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
 * SWATS's float dot products on the vector kernel's first path, blocks whose sums are added in whole
 * units: vector ≡ scalar at this JVM's width where the sums grow steadily (each product of one sign, as
 * while the step descends), so that the path carries the whole range, and where they do not (products of
 * both signs whose sum stays near zero), so that the kernel leaves it for the three stages. {@link SwatsIndexOrderEquivalenceTest}
 * covers every short length and the three stages' fill, drain and ring.
 */
@Tag("vector-width")
class SwatsWholeUnitBlocksTest {

    private static final SwatsCoefficients PLAIN = Swats.swats().coefficients(
            new StepContext(3, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));
    private static final SwatsCoefficients DECAY = Swats.swats().withWeightDecay(0.01).coefficients(
            new StepContext(3, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));

    @Test
    void steadySumsStayInWholeUnitsWithTheScalarBits() {
        VectorKernelsAvailable.orSkip();
        AtomicInteger long_ = new AtomicInteger();
        qt().withExamples(150).forAll(Generate.range(0, 20000), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            boolean amsgrad = r.nextBoolean(), decay = r.nextBoolean();
            int from = r.nextInt(40), to = from + n;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), r, true);
                String what = "steady " + (amsgrad ? "amsgrad" : "adam") + (decay ? " with weight decay" : "") + " n=" + n
                        + " from=" + from + " seed=" + seed;
                SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, decay ? DECAY : PLAIN, what);
                long left = VectorSwats.threeStagesFrom();
                assertTrue(to - left < FloatSpecies.SPECIES.length(), what + ": the three stages took over at " + left);
                if (n >= 4096) {
                    long_.incrementAndGet();
                }
            }
        });
        assertTrue(long_.get() > 50, "cases of 4096 or more elements: " + long_);
    }

    /**
     * θ at every 4-byte place within 256 bytes of a 256-byte boundary (the kernel shortens its first block by up to
     * 48 elements to start the others 128 bytes past one), the other buffers where they fall: the same bits, in whole
     * units, whatever the first block's length.
     */
    @Test
    void everyPlaceOfTheBlocksWithTheScalarBits() {
        VectorKernelsAvailable.orSkip();
        SplittableRandom r = new SplittableRandom(20261208);
        for (int offset = 0; offset < 256; offset += Float.BYTES) {
            int n = 1500 + r.nextInt(1500), from = r.nextInt(40), to = from + n;
            boolean amsgrad = r.nextBoolean();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), r, true);
                MemorySegment placed = arena.allocate(a[0].byteSize() + 256, 256).asSlice(offset, a[0].byteSize());
                a[0] = placed.copyFrom(a[0]);
                String what = "θ " + offset + " bytes past 256 " + (amsgrad ? "amsgrad" : "adam") + " n=" + n + " from=" + from;
                SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, PLAIN, what);
                long left = VectorSwats.threeStagesFrom();
                assertTrue(to - left < FloatSpecies.SPECIES.length(), what + ": the three stages took over at " + left);
            }
        }
    }

    @Test
    void sumsOfBothSignsLeaveForTheThreeStagesWithTheScalarBits() {
        VectorKernelsAvailable.orSkip();
        SplittableRandom r = new SplittableRandom(20261207);
        for (int k = 0; k < 40; k++) {
            int n = 16384 + r.nextInt(8000), from = r.nextInt(40), to = from + n;
            boolean amsgrad = r.nextBoolean();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] a = buffers(arena, to + r.nextInt(20), r, false);
                String what = "both signs " + (amsgrad ? "amsgrad" : "adam") + " n=" + n + " from=" + from;
                SwatsTwins.assertSameBits(arena, a, from, to, amsgrad, false, PLAIN, what);
                long left = VectorSwats.threeStagesFrom();
                assertTrue(to - left > n / 2, what + ": the three stages took over at " + left);
            }
        }
    }

    /**
     * θ (small, for weight decay's sake, with {@code steady}; else 0), g, m, v, vMax over {@code total} floats, g and v
     * spread over four binades, around 2^−6 (u·g larger than u·u) or 2^−12 (about u's size, so that u·g and u·u are
     * alike and their sums' binades often differ by one or two: a sum formed on the other's grid would be accepted
     * wrongly, not only refused). With {@code steady} m has g's sign, so every u·g is negative (u = −ss·m/d). Else
     * the elements come in pairs of equal g and v and opposite m, m so large (2^30 times g) that β1·m + (1 − β1)·g
     * rounds to β1·m: the pair's u, and so its u·g, are exact negatives, and pg stays near zero, far below its terms,
     * so that no chunk of it is ever in whole units (a random walk would outgrow its terms and pass in the end).
     */
    private static MemorySegment[] buffers(Arena arena, int total, SplittableRandom r, boolean steady) {
        MemorySegment[] s = new MemorySegment[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = arena.allocate(4L * total, 64);
        }
        final int scale = r.nextBoolean() ? -6 : -12;
        float g = 0f, m = 0f, v = 0f;
        for (int i = 0; i < total; i++) {
            if (steady || i % 2 == 0) {
                g = (float) ((r.nextBoolean() ? 1 : -1) * Math.scalb(1 + r.nextDouble(), scale + r.nextInt(-2, 2)));
                m = steady ? g * (float) (0.5 + r.nextDouble()) : g * (float) Math.scalb(1 + r.nextDouble(), 30);
                v = g * g * (float) (0.5 + r.nextDouble());
            } else {
                m = -m;                                             // the pair's second element
            }
            // weight decay's λ·θ (1e-6) stays far below g (at least 2^−14): g + λ·θ keeps g's sign
            s[0].setAtIndex(ValueLayout.JAVA_FLOAT, i, steady ? (float) (r.nextGaussian() * 1e-4) : 0f);
            s[1].setAtIndex(ValueLayout.JAVA_FLOAT, i, g);
            s[2].setAtIndex(ValueLayout.JAVA_FLOAT, i, m);
            s[3].setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
            s[4].setAtIndex(ValueLayout.JAVA_FLOAT, i, steady && r.nextBoolean() ? 2 * v : v);
        }
        return s;
    }
}
