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
        SwatsKernels vector = VectorKernelsAvailable.orSkip().swats();
        SwatsKernels scalar = Kernels.byName("scalar").swats();
        MemorySegment[] b = new MemorySegment[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = arena.allocate(a[i].byteSize(), 64).copyFrom(a[i]);
        }
        double[] s = call(scalar, a, from, to, amsgrad, fixedOrder, c);
        double[] v = call(vector, b, from, to, amsgrad, fixedOrder, c);
        assertEquals(Double.doubleToLongBits(s[0]), Double.doubleToLongBits(v[0]), what + ": pg");
        assertEquals(Double.doubleToLongBits(s[1]), Double.doubleToLongBits(v[1]), what + ": pp");
        for (int i = 0; i < a.length; i++) {
            Bits.assertClose(Bits.floats(a[i]), Bits.floats(b[i]), 0, what + ": buffer " + i);
        }
        return s;
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
