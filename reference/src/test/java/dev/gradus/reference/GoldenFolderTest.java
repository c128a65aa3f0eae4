package dev.gradus.reference;

import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.RuleCatalog;
import dev.gradus.testing.ScheduleCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The golden folder: every rule in it is either catalogued (update rules in {@link RuleCatalog},
 * schedules in {@link ScheduleCatalog}) or knowingly not yet implemented.
 */
class GoldenFolderTest {

    /** Golden rules of issues not done yet; this set only shrinks. */
    private static final Set<String> NOT_YET_IMPLEMENTED = Set.of();

    @Test
    void everyGoldenRuleIsCataloguedOrKnowinglyPending() {
        Set<String> unknown = new TreeSet<>();
        for (String dtype : new String[] {"float32", "float64"}) {
            for (Path p : GoldenFiles.list(dtype)) {
                String rule = GoldenFiles.rule(p);
                if (!catalogued(rule) && !NOT_YET_IMPLEMENTED.contains(rule)) {
                    unknown.add(rule);
                }
            }
        }
        assertEquals(Set.of(), unknown, "golden rules with no catalogue entry");
    }

    @Test
    void pendingRulesAreNotAlsoCatalogued() {
        for (String rule : NOT_YET_IMPLEMENTED) {
            assertFalse(catalogued(rule), rule + " is catalogued: remove it from NOT_YET_IMPLEMENTED");
        }
    }

    private static boolean catalogued(String rule) {
        return RuleCatalog.forGoldenRule(rule).isPresent() || ScheduleCatalog.coversGoldenRule(rule);
    }

    @Test
    void fileNamesAgreeWithTheirHeaders() {
        for (Path p : GoldenFiles.list("float32")) {
            GoldenFile f = GoldenFile.read(p);
            assertEquals(GoldenFiles.rule(p), f.rule(), p.toString());
            assertEquals("float32", f.header("dtype"), p.toString());
        }
    }

    @Test
    void aMissingGoldenDirIsAnError() {
        String old = System.getProperty(GoldenFiles.DIR_PROPERTY);
        System.setProperty(GoldenFiles.DIR_PROPERTY, "/no/such/golden/folder");
        try {
            var e = assertThrows(IllegalStateException.class, GoldenFiles::directory);
            assertEquals("gradus.golden.dir=/no/such/golden/folder is not a directory", e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(GoldenFiles.DIR_PROPERTY);
            } else {
                System.setProperty(GoldenFiles.DIR_PROPERTY, old);
            }
        }
    }
}
