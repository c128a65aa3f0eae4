package dev.gradus.simd;

import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SWATS's Adam-phase kernels write their two sums into the caller's array: one that cannot hold them from the
 * given index is refused with an {@link IllegalArgumentException} naming it, before θ or the state is written,
 * by the scalar and the vector kernels alike.
 */
class SwatsSumsArgumentTest {

    private interface Call {
        void run(SwatsKernels k, MemorySegment[] x, SwatsCoefficients c, double[] sums, int at);
    }

    @Test
    void aSumsArrayThatCannotHoldTheSumsIsRefusedBeforeAnythingIsWritten() {
        List<SwatsKernels> sets = new ArrayList<>(List.of(Kernels.byName("scalar").swats()));
        if (dev.gradus.kernel.Kernels.unavailableReason("vector").isEmpty()) {
            sets.add(Kernels.byName("vector").swats());
        }
        SwatsCoefficients c = Swats.swats().coefficients(new StepContext(10, 1e-3, 1e-3, new double[] {Swats.PHASE_ADAM, 0.0}));
        List<Call> calls = List.of(
                (k, x, cc, s, at) -> k.adam(x[0], x[1], x[2], x[3], 0, 40, cc, s, at),
                (k, x, cc, s, at) -> k.amsgrad(x[0], x[1], x[2], x[3], x[4], 0, 40, cc, s, at),
                (k, x, cc, s, at) -> k.adamFixedOrder(x[0], x[1], x[2], x[3], 0, 40, cc, s, at),
                (k, x, cc, s, at) -> k.amsgradFixedOrder(x[0], x[1], x[2], x[3], x[4], 0, 40, cc, s, at));
        for (SwatsKernels k : sets) {
            for (Call call : calls) {
                for (Object[] bad : new Object[][] {{null, 0, "null and at = 0"}, {new double[1], 0, "a length of 1 and at = 0"},
                        {new double[4], 3, "a length of 4 and at = 3"}, {new double[4], -1, "a length of 4 and at = -1"}}) {
                    float[][] arrays = new float[5][40];
                    for (float[] a : arrays) {
                        Arrays.fill(a, 0.25f);
                    }
                    MemorySegment[] x = new MemorySegment[5];
                    for (int i = 0; i < 5; i++) {
                        x[i] = MemorySegment.ofArray(arrays[i]);
                    }
                    var e = assertThrows(IllegalArgumentException.class, () -> call.run(k, x, c, (double[]) bad[0], (int) bad[1]));
                    assertEquals("sums must hold two doubles from index at: got " + bad[2], e.getMessage());
                    for (float[] a : arrays) {
                        float[] untouched = new float[40];
                        Arrays.fill(untouched, 0.25f);
                        assertArrayEquals(untouched, a, k.getClass().getSimpleName() + ": nothing written");
                    }
                }
            }
        }
    }
}
