package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.testing.Bits;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One SWATS Adam-phase call of the scalar and the vector kernels on equal buffers, compared bit for bit. */
final class SwatsTwins {

    /** The vector kernel's Adam and AMSGrad phases in its three stages alone ({@link VectorSwats#threeStages}); nothing else. */
    static final SwatsKernels THREE_STAGES = new SwatsKernels() {
        @Override
        public void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         long from, long to, SwatsCoefficients c, double[] sums, int at) {
            VectorSwats.threeStages(param, grad, m, v, null, from, to, c, sums, at);
        }

        @Override
        public void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                            long from, long to, SwatsCoefficients c, double[] sums, int at) {
            VectorSwats.threeStages(param, grad, m, v, vMax, from, to, c, sums, at);
        }

        @Override
        public void adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                   long from, long to, SwatsCoefficients c, double[] sums, int at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                      MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sgdFirst(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sgdShrinking(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sgd(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
            throw new UnsupportedOperationException();
        }
    };

    private SwatsTwins() {
    }

    /**
     * Runs the scalar kernel over {@code a} (θ, g, m, v, vMax) and the vector kernel over copies of it, in
     * the order {@code fixedOrder} names, and asserts the same pg, pp and buffers, bit for bit. Returns the
     * scalar kernel's dot products {pg, pp} (the float sums of the index order widened exactly); {@code a} is left
     * as the scalar kernel wrote it.
     */
    static double[] assertSameBits(Arena arena, MemorySegment[] a, int from, int to, boolean amsgrad, boolean fixedOrder,
                                    SwatsCoefficients c, String what) {
        return assertSameBits(VectorKernelsAvailable.orSkip().swats(), arena, a, from, to, amsgrad, fixedOrder, c, what);
    }

    /** As above, with {@code vector} in the vector kernel's place (e.g. {@link #THREE_STAGES}). */
    static double[] assertSameBits(SwatsKernels vector, Arena arena, MemorySegment[] a, int from, int to, boolean amsgrad,
                                    boolean fixedOrder, SwatsCoefficients c, String what) {
        SwatsKernels scalar = Kernels.byName("scalar").swats();
        MemorySegment[] b = copies(arena, a);
        double[] s = call(scalar, a, from, to, amsgrad, fixedOrder, c);
        double[] v = call(vector, b, from, to, amsgrad, fixedOrder, c);
        assertEquals(Double.doubleToLongBits(s[0]), Double.doubleToLongBits(v[0]), what + ": pg");
        assertEquals(Double.doubleToLongBits(s[1]), Double.doubleToLongBits(v[1]), what + ": pp");
        for (int i = 0; i < a.length; i++) {
            Bits.assertClose(Bits.floats(a[i]), Bits.floats(b[i]), 0, what + ": buffer " + i);
        }
        return s;
    }

    /** Copies of {@code a}'s buffers, 64-byte aligned, in {@code arena}. */
    static MemorySegment[] copies(Arena arena, MemorySegment[] a) {
        MemorySegment[] b = new MemorySegment[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = arena.allocate(a[i].byteSize(), 64).copyFrom(a[i]);
        }
        return b;
    }

    /** One call of {@code k}; its sums written at index 1 of a 3-element array (so a kernel writing at 0 would fail). */
    private static double[] call(SwatsKernels k, MemorySegment[] x, int from, int to, boolean amsgrad, boolean fixedOrder,
                                 SwatsCoefficients c) {
        double[] sums = {Double.NaN, Double.NaN, Double.NaN};
        if (fixedOrder) {
            if (amsgrad) {
                k.amsgradFixedOrder(x[0], x[1], x[2], x[3], x[4], from, to, c, sums, 1);
            } else {
                k.adamFixedOrder(x[0], x[1], x[2], x[3], from, to, c, sums, 1);
            }
        } else if (amsgrad) {
            k.amsgrad(x[0], x[1], x[2], x[3], x[4], from, to, c, sums, 1);
        } else {
            k.adam(x[0], x[1], x[2], x[3], from, to, c, sums, 1);
        }
        assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(sums[0]), "nothing written before index at");
        return new double[] {sums[1], sums[2]};
    }
}
