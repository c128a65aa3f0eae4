package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagnostic's line: every rule twice, in turn, each with a positive time (scalar kernels, so it runs without the vector module too). */
class SameBuffersCheckTest {

    private static final Pattern ENTRY = Pattern.compile("([a-z-]+) (\\S+) ms");

    @Test
    void eachRuleIsTimedTwiceInTurnOverBothMemoryKinds() {
        for (boolean heap : new boolean[] {true, false}) {
            // Lookahead has three slots and Adam two: Adam uses the first two of the shared slot buffers
            String line = SameBuffersCheck.line(new String[] {"lookahead-adam", "adam", "sgd-momentum"}, heap, 4099, Kernels.byName("scalar"));
            Matcher m = ENTRY.matcher(line);
            String[] expected = {"lookahead-adam", "adam", "sgd-momentum", "lookahead-adam", "adam", "sgd-momentum"};
            int found = 0;
            while (m.find()) {
                assertEquals(expected[found], m.group(1), line);
                double ms = Double.parseDouble(m.group(2));
                assertTrue(ms > 0 && Double.isFinite(ms), line);
                found++;
            }
            assertEquals(expected.length, found, line);
        }
    }

    @Test
    void anUnknownRuleIsRefusedBeforeAnythingIsTimed() {
        assertThrows(IllegalArgumentException.class,
                () -> SameBuffersCheck.line(new String[] {"adam", "nope"}, true, 64, Kernels.byName("scalar")));
    }
}
