package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The diagnostic's line: every rule twice, in turn, each with a positive time (scalar kernels, so it runs without the vector module too). */
class SameBuffersCheckTest {

    private static final Pattern ENTRY = Pattern.compile("([a-z-]+) (\\S+) ms");

    @Test
    void eachRuleIsTimedTwiceInTurnOverBothMemoryKinds() {
        for (boolean heap : new boolean[] {true, false}) {
            // Lookahead has three slots and Adam two: Adam uses the first two of the shared slot buffers
            String line = SameBuffersCheck.line(new String[] {"lookahead-adam", "adam", "sgd-momentum"}, heap, 4099, Kernels.byName("scalar"));
            DiagnosticLines.assertTimedInTurn(line, ENTRY, "lookahead-adam", "adam", "sgd-momentum", "lookahead-adam", "adam", "sgd-momentum");
        }
    }

    @Test
    void anUnknownRuleIsRefusedBeforeAnythingIsTimed() {
        assertThrows(IllegalArgumentException.class,
                () -> SameBuffersCheck.line(new String[] {"adam", "nope"}, true, 64, Kernels.byName("scalar")));
    }
}
