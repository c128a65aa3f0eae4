package dev.gradus.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a diagnostic's line of timed entries ({@link SameBuffersCheck}, {@link CacheLevelsCheck}). */
final class DiagnosticLines {

    private DiagnosticLines() {
    }

    /**
     * {@code line}'s entries, matched by {@code entry} (group 1 the key, group 2 the time), are exactly
     * {@code keys} in order, each time positive and finite.
     */
    static void assertTimedInTurn(String line, Pattern entry, String... keys) {
        Matcher m = entry.matcher(line);
        int found = 0;
        while (m.find()) {
            assertTrue(found < keys.length, () -> "more entries than " + keys.length + ": " + line);
            assertEquals(keys[found], m.group(1), line);
            double time = Double.parseDouble(m.group(2));
            assertTrue(time > 0 && Double.isFinite(time), line);
            found++;
        }
        assertEquals(keys.length, found, line);
    }
}
