package dev.gradus.reference;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.rules.Adam;
import dev.gradus.rules.StepContext;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapFloatsTest {

    @Test
    void aFloatArrayAndItsWholeElementSlicesAreArrays() {
        float[] a = new float[10];
        a[3] = 7f;
        MemorySegment whole = MemorySegment.ofArray(a), slice = whole.asSlice(3L * Float.BYTES, 4L * Float.BYTES);
        assertTrue(HeapFloats.of(whole));
        assertTrue(HeapFloats.of(slice));
        assertSame(a, HeapFloats.array(slice));
        assertEquals(0, HeapFloats.base(whole));
        assertEquals(3, HeapFloats.base(slice));
        assertEquals(7f, HeapFloats.array(slice)[HeapFloats.base(slice)]);
    }

    @Test
    void everythingElseTakesTheSegmentLoops() {
        float[] a = new float[10];
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(HeapFloats.of(arena.allocate(40, 64)), "native memory");
        }
        assertFalse(HeapFloats.of(MemorySegment.ofArray(a).asReadOnly()), "read-only: heapBase() is empty");
        assertFalse(HeapFloats.of(MemorySegment.ofArray(a).asSlice(2)), "a slice between two floats");
        assertFalse(HeapFloats.of(MemorySegment.ofArray(new byte[40])), "floats in a byte[]");
        assertFalse(HeapFloats.of(MemorySegment.ofArray(new int[10])), "an int[]");
        assertFalse(HeapFloats.of(MemorySegment.ofArray(a), MemorySegment.ofArray(new byte[40])), "one of two does not qualify");
    }

    /** Adam's reference over {@code float[]} buffers (array loop) and over the same values with the gradient native (segment loop): the same bits. */
    @Test
    void bothLoopsGiveTheSameBits() {
        int n = 37;
        float[] w1 = new float[n], g = new float[n], m1 = new float[n], v1 = new float[n];
        for (int i = 0; i < n; i++) {
            w1[i] = (float) Math.sin(i) * 3f;
            g[i] = (float) Math.cos(i * 0.7) * 0.01f;
        }
        float[] w2 = w1.clone(), m2 = new float[n], v2 = new float[n];
        AdamCoefficients c = Adam.adam().coefficients(new StepContext(3, 1e-2, 1e-2, new double[0]));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeGrad = arena.allocate(4L * n, 64).copyFrom(MemorySegment.ofArray(g));
            MemorySegment[] array = {MemorySegment.ofArray(w1), MemorySegment.ofArray(g), MemorySegment.ofArray(m1), MemorySegment.ofArray(v1)};
            MemorySegment[] mixed = {MemorySegment.ofArray(w2), nativeGrad, MemorySegment.ofArray(m2), MemorySegment.ofArray(v2)};
            assertTrue(HeapFloats.of(array[0], array[1], array[2], array[3]));
            assertFalse(HeapFloats.of(mixed[0], mixed[1], mixed[2], mixed[3]));
            for (int step = 0; step < 3; step++) {
                ScalarAdam.adamRange(array[0], array[1], array[2], array[3], 0, n, c);
                ScalarAdam.adamRange(mixed[0], mixed[1], mixed[2], mixed[3], 0, n, c);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(w1[i]), Float.floatToRawIntBits(w2[i]), "parameter element " + i);
            assertEquals(Float.floatToRawIntBits(v1[i]), Float.floatToRawIntBits(v2[i]), "v element " + i);
        }
        assertTrue(w1[5] != (float) Math.sin(5) * 3f, "the steps changed the parameter");
    }
}
