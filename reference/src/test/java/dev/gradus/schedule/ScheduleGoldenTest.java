package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.ScheduleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every golden schedule file ({@code kind schedule}, float64), built from its header through
 * {@link ScheduleCatalog}: every recorded series (lr, lr_closed_form, momentum, betas) bit for bit,
 * except the values listed in {@link GlibcCosDeviations}, which must differ by exactly 1 ulp (and
 * whose cause that class proves).
 */
class ScheduleGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyGoldenScheduleFileBitForBit() {
        List<Path> files = GoldenFiles.list("float64").stream()
                .filter(p -> GoldenFile.read(p).kind().equals("schedule")).toList();
        assertFalse(files.isEmpty(), "no golden schedule files in " + GoldenFiles.directory());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(GoldenFile.read(p))));
    }

    private static void check(GoldenFile f) {
        assertEquals(GoldenFiles.rule(f.path()), f.rule(), "file name and header disagree");
        assertEquals(f.header("scheduler").toLowerCase(Locale.ROOT), f.rule(), "rule is not the scheduler class");
        assertEquals("float64", f.header("dtype"));
        int k = Integer.parseInt(f.header("values"));
        assertTrue(k > 0, "no values");
        String[] series = f.tokens("series");
        assertTrue(series.length > 0, "no series");
        Schedule lr = ScheduleCatalog.learningRate(f, Form.RECURSIVE);
        List<String> problems = new ArrayList<>();
        Set<String> deviations = new TreeSet<>();
        for (String s : series) {
            switch (s) {
                case "lr" -> compare(f, "lr", 0, k, lr, problems, deviations);
                case "lr_closed_form" -> {
                    compare(f, "lr_closed_form", 0, k, ScheduleCatalog.learningRate(f, Form.CLOSED), problems, deviations);
                    if (!(lr instanceof Chainable c)) {
                        throw new AssertionError(f + ": lr_closed_form recorded for a schedule with no closed form: " + lr);
                    }
                    compare(f, "lr_closed_form", 0, k, c::closedFormAt, problems, deviations);
                    int differ = 0;
                    for (int t = 0; t < k; t++) {
                        String i = Integer.toString(t);
                        differ += f.doubles("lr", i)[0] == f.doubles("lr_closed_form", i)[0] ? 0 : 1;
                    }
                    System.out.println("[gradus] " + f + ": torch's recursive and closed forms differ in " + differ + " of " + k + " values");
                }
                case "momentum" -> compare(f, "momentum", 0, k, ScheduleCatalog.momentum(f)
                        .orElseThrow(() -> new AssertionError(f + ": momentum recorded but not cycled: " + lr)), problems, deviations);
                case "betas" -> {
                    compare(f, "betas", 0, k, ScheduleCatalog.momentum(f)
                            .orElseThrow(() -> new AssertionError(f + ": betas recorded but beta1 not cycled: " + lr)), problems, deviations);
                    double beta2 = Double.parseDouble(f.tokens("opt.betas")[1]);
                    compare(f, "betas", 1, k, e -> beta2, problems, deviations);
                }
                default -> fail(f + ": unknown series " + s);
            }
        }
        Set<String> expected = GlibcCosDeviations.forFile(f.fileName());
        for (String d : expected) {
            if (!deviations.contains(d)) {
                problems.add("listed deviation " + d + " did not occur (update GlibcCosDeviations)");
            }
        }
        if (!problems.isEmpty()) {
            fail(f + " (" + lr + "):\n  " + String.join("\n  ", problems));
        }
        if (!deviations.isEmpty()) {
            System.out.println("[gradus] " + f + ": bitwise except the known glibc-cos deviations " + deviations);
        }
        // the same values again, backwards: a schedule is a pure function of e
        for (int t = k - 1; t >= 0; t--) {
            double before = lr.valueAt(t);
            assertEquals(Double.doubleToRawLongBits(before), Double.doubleToRawLongBits(lr.valueAt(t)), f + ": lr[" + t + "] twice");
        }
    }

    /**
     * Column {@code column} of {@code name[0..k−1]} against {@code s.valueAt(t)}, bit for bit. A
     * value listed in {@link GlibcCosDeviations} must instead differ by exactly 1 ulp.
     */
    private static void compare(GoldenFile f, String name, int column, int k, Schedule s, List<String> problems,
                                Set<String> deviations) {
        Set<String> known = GlibcCosDeviations.forFile(f.fileName());
        int mismatches = 0;
        String first = null;
        for (int t = 0; t < k; t++) {
            double expected = f.doubles(name, Integer.toString(t))[column];
            double actual = s.valueAt(t);
            long ulps = Double.doubleToRawLongBits(actual) - Double.doubleToRawLongBits(expected);
            String where = name + "[" + t + "][" + column + "]";
            if (ulps != 0 && known.contains(where) && Math.abs(ulps) == 1) {
                deviations.add(where);
            } else if (ulps != 0) {
                if (first == null) {
                    first = where + ": expected " + expected + " got " + actual + " (" + ulps + " ulp)";
                }
                mismatches++;
            }
        }
        if (mismatches > 0) {
            problems.add(mismatches + " of " + k + " values of " + name + "[" + column + "] differ; first " + first
                    + " from " + s);
        }
        if (f.hasData(name, Integer.toString(k))) {
            problems.add("more than " + k + " values of " + name);
        }
    }
}
