package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The diagnostic's line: every size twice, in turn, each with a positive time (scalar kernels, so it runs without the vector module too). */
class CacheLevelsCheckTest {

    private static final Pattern ENTRY = Pattern.compile("(\\d+) (\\S+) ns/el");

    @Test
    void eachSizeIsTimedTwiceInTurnOverBothMemoryKinds() {
        for (boolean heap : new boolean[] {true, false}) {
            String line = CacheLevelsCheck.line("lookahead-adam", heap, new int[] {4099, 1024, 17}, 3 * 4099, Kernels.byName("scalar"));
            DiagnosticLines.assertTimedInTurn(line, ENTRY, "4099", "1024", "17", "4099", "1024", "17");
        }
    }

    @Test
    void anUnknownRuleIsRefusedBeforeAnythingIsTimed() {
        assertThrows(IllegalArgumentException.class,
                () -> CacheLevelsCheck.line("nope", true, new int[] {64}, 64, Kernels.byName("scalar")));
    }
}
