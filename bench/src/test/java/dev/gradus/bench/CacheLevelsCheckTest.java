package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagnostic's line: every size twice, in turn, each with a positive time (scalar kernels, so it runs without the vector module too). */
class CacheLevelsCheckTest {

    private static final Pattern ENTRY = Pattern.compile("(\\d+) (\\S+) ns/el");

    @Test
    void eachSizeIsTimedTwiceInTurnOverBothMemoryKinds() {
        for (boolean heap : new boolean[] {true, false}) {
            String line = CacheLevelsCheck.line("lookahead-adam", heap, new int[] {4099, 1024, 17}, 3 * 4099, Kernels.byName("scalar"));
            Matcher m = ENTRY.matcher(line);
            int[] expected = {4099, 1024, 17, 4099, 1024, 17};
            int found = 0;
            while (m.find()) {
                assertEquals(expected[found], Integer.parseInt(m.group(1)), line);
                double ns = Double.parseDouble(m.group(2));
                assertTrue(ns > 0 && Double.isFinite(ns), line);
                found++;
            }
            assertEquals(expected.length, found, line);
        }
    }

    @Test
    void anUnknownRuleIsRefusedBeforeAnythingIsTimed() {
        assertThrows(IllegalArgumentException.class,
                () -> CacheLevelsCheck.line("nope", true, new int[] {64}, 64, Kernels.byName("scalar")));
    }
}
