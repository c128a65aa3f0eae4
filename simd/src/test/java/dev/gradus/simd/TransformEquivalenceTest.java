package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.TransformKernels;
import dev.gradus.testing.Bits;
import dev.gradus.testing.Buffers;
import dev.gradus.testing.Equivalence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/** The gradient transforms: vector ≡ scalar bit for bit (the norm's double included), at this JVM's width. */
@Tag("vector-width")
class TransformEquivalenceTest {

    private interface Case {
        void run(TransformKernels scalar, TransformKernels vector, MemorySegment a, MemorySegment b, long from, long to, SplittableRandom r);
    }

    private static void property(Case c) {
        TransformKernels vector = VectorKernelsAvailable.orSkip().transforms();
        TransformKernels scalar = Kernels.byName("scalar").transforms();
        qt().withExamples(300).forAll(Equivalence.sizes(), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert((n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            Buffers.Kind kind = Buffers.Kind.values()[r.nextInt(3)];
            int pad = r.nextInt(20), total = pad + n + r.nextInt(20);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment a = Buffers.allocate(kind, total, arena, r), b = Buffers.allocate(kind, total, arena, r);
                Buffers.fill(a, r, r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(10));
                b.copyFrom(a);
                c.run(scalar, vector, a, b, pad, pad + n, r);
                Bits.assertClose(Bits.floats(a), Bits.floats(b), 0, "buffer after the transform (n=" + n + ", seed=" + seed + ")");
            }
        });
    }

    @Test
    void sumOfSquaresHasTheSameBits() {
        property((s, v, a, b, from, to, r) -> assertEquals(Double.doubleToLongBits(s.sumOfSquares(a, from, to)),
                Double.doubleToLongBits(v.sumOfSquares(b, from, to))));
    }

    @Test
    void sumHasTheSameBits() {
        property((s, v, a, b, from, to, r) -> assertEquals(Double.doubleToLongBits(s.sum(a, from, to)),
                Double.doubleToLongBits(v.sum(b, from, to))));
    }

    @Test
    void maxAbsAndAllFiniteAgree() {
        property((s, v, a, b, from, to, r) -> {
            assertEquals(Float.floatToIntBits(s.maxAbs(a, from, to)), Float.floatToIntBits(v.maxAbs(b, from, to)));
            assertEquals(s.allFinite(a, from, to), v.allFinite(b, from, to));
        });
    }

    @Test
    void scaleClampAndAddWriteTheSameBitsInsideTheWindowOnly() {
        property((s, v, a, b, from, to, r) -> {
            float c = Buffers.value(r, 10), lo = -Math.abs((float) r.nextGaussian()), hi = Math.abs((float) r.nextGaussian());
            float[] before = Bits.floats(a);
            s.scale(a, from, to, c);
            v.scale(b, from, to, c);
            s.clamp(a, from, to, lo, hi);
            v.clamp(b, from, to, lo, hi);
            s.add(a, from, to, lo);
            v.add(b, from, to, lo);
            float[] after = Bits.floats(a);
            for (int i = 0; i < after.length; i++) {
                if ((i < from || i >= to) && Float.floatToRawIntBits(after[i]) != Float.floatToRawIntBits(before[i])) {
                    throw new AssertionError("element " + i + " outside [" + from + ", " + to + ") changed");
                }
            }
        });
    }

    @Test
    void theFixedOrderSumIsAccurate() {
        TransformKernels vector = VectorKernelsAvailable.orSkip().transforms();
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[100_003];
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
            exact = exact.add(new BigDecimal((double) x[i] * x[i]));
        }
        double got = vector.sumOfSquares(MemorySegment.ofArray(x), 0, x.length);
        double rel = Math.abs(got - exact.doubleValue()) / exact.doubleValue();
        if (rel > 1e-13) {
            throw new AssertionError("sum of squares " + got + " vs exact " + exact.round(MathContext.DECIMAL64) + ", relative error " + rel);
        }
    }
}
