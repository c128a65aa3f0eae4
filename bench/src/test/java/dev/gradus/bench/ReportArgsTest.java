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
        assertTrue(a.bench() && a.race() && a.threads());
        assertEquals(ReportArgs.RACE_EPOCHS, a.raceEpochs());
    }

    @Test
    void forkCounts() {
        int rules = BenchRules.all().size();
        // ThreadBench runs every rule, SWATS held in its Adam phase (ThreadBenchSwatsTest).
        int threadRules = rules;
        List<String> all = List.copyOf(BenchRules.all().keySet());
        JmhRun quick = new JmhRun(Profile.QUICK, all, List.of("scalar", "vector"), true, true);
        assertEquals(rules * 2 * 2 * 2, quick.stepForks());
        assertEquals(2 * 2 * 2, quick.probeForks());
        // Thread part: sizes 64K and 16M (both >= 64K) × 1 and 2 threads; two probes at those sizes; 3 layouts × 2.
        assertEquals(threadRules * 2 * 2, quick.threadForks());
        assertEquals(2 * 2, quick.threadProbeForks());
        assertEquals(3 * 2, quick.multiTensorForks());
        // Late in a run: every rule, SIMD, 64K, both memory kinds.
        assertEquals(rules * 2, quick.lateForks());
        // SWATS's sums alone, at each size.
        assertEquals(2, quick.swatsFloorForks());
        // Six gradient transforms at each size, kernel set and memory kind.
        assertEquals(6 * 2 * 2 * 2, quick.transformForks());
        assertEquals(rules * 8 + 8 + 2 + 48 + threadRules * 4 + 4 + 6 + rules * 2, quick.forks());
        assertEquals(rules * 8 + 8 + 2 + threadRules * 4 + 4 + 6 + rules * 2,
                new JmhRun(Profile.QUICK, all, List.of("scalar", "vector"), true, false).forks(), "--no-transforms");
        JmhRun thorough = new JmhRun(Profile.THOROUGH, all, List.of("scalar", "vector"), true, true);
        assertEquals(rules * 4 * 2 * 2, thorough.stepForks());
        assertEquals(2 * 4 * 2, thorough.probeForks());
        // 4K is below the parallel threshold: 64K, 1M, 16M.
        assertEquals(List.of(65_536L, 1_048_576L, 16_777_216L), Profile.THOROUGH.threadSizes());
        assertEquals(threadRules * 3 * 2, thorough.threadForks());
        assertEquals(2 * 3, thorough.threadProbeForks());
        assertEquals(6, thorough.multiTensorForks());
        assertEquals(rules * 2, thorough.lateForks(), "64K only");
        assertEquals(4, thorough.swatsFloorForks());
        assertEquals(rules * 16 + 16 + 4 + 96 + threadRules * 6 + 6 + 6 + rules * 2, thorough.forks());
        JmhRun without = new JmhRun(Profile.THOROUGH, all, List.of("scalar", "vector"), false, true);
        assertEquals(0, without.threadForks() + without.threadProbeForks() + without.multiTensorForks());
        assertEquals(rules * 16 + 16 + 4 + 96 + rules * 2, without.forks());
        assertEquals(0, new JmhRun(Profile.QUICK, List.of("adam", "swats-double"), List.of("scalar", "vector"), true, true).swatsFloorForks(),
                "the sums alone are measured for SWATS's default sums only");
        assertEquals(0, new JmhRun(Profile.QUICK, all, List.of("scalar"), true, true).lateForks(), "no SIMD kernels, no late pass");
        assertEquals(0, new JmhRun(Profile.QUICK.withSizes(List.of(16_777_216L)), all, List.of("scalar", "vector"), true, true)
                .lateForks(), "no 64K, no late pass");
        assertEquals("scalar", new JmhRun(Profile.QUICK, all, List.of("scalar"), true, true).threadKernels());
        assertEquals("vector", quick.threadKernels());
    }

    @Test
    void threadOptionsGiveEachBenchmarkItsOwnLists() {
        var o = new JmhRun(Profile.THOROUGH, List.of("adam", "diffgrad"), List.of("scalar", "vector"), true, false).options().build();
        assertEquals(5, o.getIncludes().size(), o.getIncludes().toString());
        assertEquals(List.of("4096", "65536", "1048576", "16777216"), List.copyOf(o.getParameter("size").get()));
        assertEquals(List.of("65536", "1048576", "16777216"), List.copyOf(o.getParameter("elements").get()));
        assertEquals(List.of("adam", "diffgrad"), List.copyOf(o.getParameter("threadRule").get()));
        assertEquals(List.of("1", "2"), List.copyOf(o.getParameter("threads").get()));
        assertEquals(List.of("vector"), List.copyOf(o.getParameter("kernelSet").get()));
        assertEquals(List.of("adam"), List.copyOf(o.getParameter("optimizer").get()));
        assertEquals(List.of("1x1048576", "1000x1024", "1000x1024/block"), List.copyOf(o.getParameter("layout").get()));
        var without = new JmhRun(Profile.QUICK, List.of("adam"), List.of("scalar", "vector"), false, false).options().build();
        assertEquals(2, without.getIncludes().size());
        assertFalse(without.getParameter("elements").hasValue());
    }

    @Test
    void theTransformsRunUnlessLeftOut() {
        var o = new JmhRun(Profile.QUICK, List.of("adam"), List.of("scalar", "vector"), false, true).options().build();
        assertTrue(o.getIncludes().contains("^\\Q" + NormBench.class.getName() + ".\\E(sumOfSquares|maxAbs|scale|add|clamp|allFinite)$"),
                o.getIncludes().toString());
        var without = new JmhRun(Profile.QUICK, List.of("adam"), List.of("scalar", "vector"), false, false).options().build();
        assertFalse(without.getIncludes().stream().anyMatch(i -> i.contains("NormBench")));
        assertTrue(ReportArgs.parse().transforms());
        assertFalse(ReportArgs.parse("--no-transforms").transforms());
        assertTrue(ReportArgs.USAGE.contains("--no-transforms"));
    }

    @Test
    void swatsBringsItsSumsAloneAtTheProfilesSizes() {
        var o = new JmhRun(Profile.QUICK, List.of("adam", "swats"), List.of("scalar", "vector"), false, true).options().build();
        assertTrue(o.getIncludes().contains("^\\Q" + SwatsSumsBench.class.getName() + ".indexOrder\\E$"), o.getIncludes().toString());
        assertEquals(List.of("65536", "16777216"), List.copyOf(o.getParameter("size").get()));
        var without = new JmhRun(Profile.QUICK, List.of("adam"), List.of("scalar", "vector"), false, true).options().build();
        assertFalse(without.getIncludes().stream().anyMatch(i -> i.contains("SwatsSumsBench")));
    }

    @Test
    void theLatePassRunsStepBenchAloneFromItsLateStep() {
        var o = new JmhRun(Profile.QUICK, List.of("adam", "nadam"), List.of("scalar", "vector"), true, true).lateOptions().build();
        assertEquals(List.of("^\\Q" + StepBench.class.getName() + ".step\\E$"), List.copyOf(o.getIncludes()));
        assertEquals(List.of("adam", "nadam"), List.copyOf(o.getParameter("rule").get()));
        assertEquals(List.of("65536"), List.copyOf(o.getParameter("size").get()));
        assertEquals(List.of("array", "native"), List.copyOf(o.getParameter("memory").get()));
        assertEquals(List.of("vector"), List.copyOf(o.getParameter("kernels").get()));
        assertEquals(List.of("100000"), List.copyOf(o.getParameter("fromStep").get()));
        var main = new JmhRun(Profile.QUICK, List.of("adam"), List.of("scalar", "vector"), true, true).options().build();
        assertFalse(main.getParameter("fromStep").hasValue(), "the main pass keeps every benchmark's default first step");
    }

    @Test
    void noThreads() {
        ReportArgs a = ReportArgs.parse("--rules", "adam,diffgrad", "--no-threads", "--no-race");
        assertFalse(a.threads());
        assertTrue(a.bench());
        assertFalse(a.race());
        JmhRun run = new JmhRun(a.profile(), a.rules(), List.of("scalar", "vector"), a.threads(), a.transforms());
        assertEquals(run.stepForks() + run.probeForks() + run.transformForks() + run.lateForks(), run.forks(), "no SWATS, no sums alone");
        assertTrue(ReportArgs.USAGE.contains("--no-threads"));
        // Sizes below the threshold leave only the multi-tensor steps.
        ReportArgs small = ReportArgs.parse("--sizes", "4096");
        JmhRun smallRun = new JmhRun(small.profile(), small.rules(), List.of("vector"), small.threads(), small.transforms());
        assertEquals(0, smallRun.threadForks() + smallRun.threadProbeForks());
        assertEquals(6, smallRun.multiTensorForks());
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
        assertEquals(1, new JmhRun(a.profile(), a.rules(), List.of("scalar", "vector"), a.threads(), a.transforms()).stepForks() / 2);
    }

    @Test
    void forksMultiplyTheJvmsNotTheBenchmarks() {
        ReportArgs a = ReportArgs.parse("--rules", "adam,yogi", "--sizes", "16777216", "--forks", "3", "--no-race");
        assertEquals(3, a.profile().forks());
        assertEquals(1, ReportArgs.parse().profile().forks());
        JmhRun one = new JmhRun(Profile.QUICK.withSizes(List.of(16_777_216L)), a.rules(), List.of("scalar", "vector"), true, true);
        JmhRun three = new JmhRun(a.profile(), a.rules(), List.of("scalar", "vector"), true, true);
        assertEquals(3 * one.stepForks(), three.stepForks());
        assertEquals(3 * one.probeForks(), three.probeForks());
        assertEquals(3 * one.threadForks(), three.threadForks());
        assertEquals(3 * one.threadProbeForks(), three.threadProbeForks());
        assertEquals(3 * one.multiTensorForks(), three.multiTensorForks());
        assertEquals(3 * one.forks(), three.forks());
        assertEquals(one.forks(), three.benchmarks());
        assertEquals(3, three.options().build().getForkCount().get());
        assertEquals(1, one.options().build().getForkCount().get());
        assertTrue(a.profile().describe(2, List.of("vector")).endsWith("; 3 forks each, the median of their means"));
        assertFalse(Profile.QUICK.describe(2, List.of("vector")).contains("forks each"));
        assertTrue(ReportArgs.USAGE.contains("--forks n"));
    }

    @Test
    void theMedianOfTheForks() {
        double[] odd = {5, 1, 3};
        assertEquals(3, JmhRun.median(odd));
        assertEquals(5, odd[0], "the caller's array is not sorted in place");
        assertEquals(2.5, JmhRun.median(new double[]{4, 1, 2, 3}));
        assertEquals(7, JmhRun.median(new double[]{7}));
        assertThrows(IllegalArgumentException.class, () -> JmhRun.median(new double[0]));
    }

    @Test
    void mistakesAreNamed() {
        assertEquals("--forks takes 1 to 20, got 21",
                assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--forks", "21")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportArgs.parse("--forks", "0"))
                .getMessage().contains("--forks takes positive integers, got '0'"));
        assertThrows(IllegalArgumentException.class, () -> new Profile("x", List.of(1L), List.of("array"), 1, 1, 1, 1, 1, 0));
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
