package dev.gradus.bench.race;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsTest {

    @Test
    void theWholeSetLoads() {
        Dataset all = Digits.load();
        assertEquals(1797, all.size());
        assertEquals(64, all.inputs());
        for (float[] x : all.features()) {
            for (float v : x) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
        }
        int[] counts = new int[10];
        Arrays.stream(all.labels()).forEach(l -> counts[l]++);
        Arrays.stream(counts).forEach(c -> assertTrue(c > 150, "every class is there: " + Arrays.toString(counts)));
    }

    @Test
    void theSplitIsFixedAndDisjoint() {
        Digits.Split a = Digits.split(Digits.load());
        Digits.Split b = Digits.split(Digits.load());
        assertEquals(1797 - Digits.TEST_ROWS, a.train().size());
        assertEquals(Digits.TEST_ROWS, a.test().size());
        assertArrayEquals(a.train().labels(), b.train().labels());
        for (int i = 0; i < a.train().size(); i++) {
            assertArrayEquals(a.train().features()[i], b.train().features()[i]);
        }
        java.util.Set<float[]> train = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        train.addAll(Arrays.asList(a.train().features()));
        for (float[] x : a.test().features()) {
            assertTrue(!train.contains(x), "a test row is also a training row");
        }
    }

    @Test
    void theAttributionTravelsWithTheData() {
        assertTrue(Digits.class.getResource("NOTICE.md") != null, "NOTICE.md beside digits.csv.gz");
    }
}
