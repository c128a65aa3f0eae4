package dev.gradus.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportArgsTest {

    @Test
    void quickByDefaultOverEveryRule() {
        ReportArgs a = ReportArgs.parse();
        assertSame(Profile.QUICK, a.profile());
        assertEquals(List.copyOf(BenchRules.all().keySet()), a.rules());
        assertTrue(a.bench() && a.race());
        assertEquals(ReportArgs.RACE_EPOCHS, a.raceEpochs());
    }

    @Test
    void forkCounts() {
        int rules = BenchRules.all().size();
        JmhRun quick = new JmhRun(Profile.QUICK, List.copyOf(BenchRules.all().keySet()), List.of("scalar", "vector"));
        assertEquals(rules * 2 * 2 * 2, quick.stepForks());
        assertEquals(2 * 2 * 2, quick.probeForks());
        JmhRun thorough = new JmhRun(Profile.THOROUGH, List.copyOf(BenchRules.all().keySet()), List.of("scalar", "vector"));
        assertEquals(rules * 4 * 2 * 2, thorough.stepForks());
        assertEquals(2 * 4 * 2, thorough.probeForks());
    }

    @Test
    void overrides() {
        ReportArgs a = ReportArgs.parse("--thorough", "--rules", "adam", "--sizes", "65536", "--memory", "native",
                "--race-epochs", "2", "--no-bench", "--out", "/tmp/x");
        assertEquals("thorough", a.profile().name());
        assertEquals(List.of(65_536L), a.profile().sizes());
        assertEquals(List.of("native"), a.profile().memory());
        assertEquals(List.of("adam"), a.rules());
        assertEquals(2, a.raceEpochs());
        assertFalse(a.bench());
        assertEquals(Path.of("/tmp/x"), a.out());
        assertEquals(1, new JmhRun(a.profile(), a.rules(), List.of("scalar", "vector")).stepForks() / 2);
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--rules", "nosuch"))
                .getMessage().contains("no benchmark rule named 'nosuch'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--sizes", "-3"))
                .getMessage().contains("--sizes takes positive integers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--memory", "heap"))
                .getMessage().contains("array and/or native"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--fast"))
                .getMessage().contains("unknown argument '--fast'"));
    }
}
