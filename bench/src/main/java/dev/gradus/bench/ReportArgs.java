package dev.gradus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report's command line.
 *
 * @param profile    quick or thorough, with any --sizes/--memory override applied
 * @param rules      the {@link BenchRules} names benchmarked and raced
 * @param out        output directory
 * @param raceEpochs epochs of the race's runs
 * @param bench      run the JMH benchmarks
 * @param race       run the convergence race
 * @param threads    with the benchmarks, also run the thread benchmarks (every rule on 1 and 2
 *                   threads, the 2-thread probes) and the multi-tensor steps
 * @param transforms with the benchmarks, also run the gradient transforms ({@link Transform})
 */
public record ReportArgs(Profile profile, List<String> rules, Path out, int raceEpochs, boolean bench, boolean race,
                         boolean threads, boolean transforms) {

    /** Default epochs of the race (both profiles). */
    public static final int RACE_EPOCHS = 30;
    /** The most forks per benchmark --forks takes (a full quick run with 20 takes about 3 hours). */
    public static final int MAX_FORKS = 20;

    public static final String USAGE = """
            Arguments (mvn -B -Preport -DskipTests verify -Dreport.args="..."):
              --quick               default: sizes 64K and 16M, short iterations (a few minutes)
              --thorough            sizes 4K, 64K, 1M, 16M, longer iterations (about 35 minutes)
              --rules a,b           only these BenchRules names (benchmarks and race); default: all
              --sizes n,m           only these sizes (elements)
              --memory array,native only these memory kinds
              --forks n             JVMs per benchmark (default 1); with more, each figure is the
                                    median of the forks' means (n times the time)
              --race-epochs n       epochs per race run (default 30)
              --no-race | --no-bench  skip a part (--no-bench: every benchmark)
              --no-threads          skip the thread benchmarks (1 vs 2 threads at sizes >= 64K, the
                                    2-thread probes) and the multi-tensor Adam steps
              --no-transforms       skip the gradient transforms (the clips' and the non-finite
                                    check's kernels)
              --out dir             output directory (default bench/target/report)""";

    public static ReportArgs parse(String... args) {
        Profile profile = Profile.QUICK;
        List<String> rules = new ArrayList<>(BenchRules.all().keySet());
        List<Long> sizes = null;
        List<String> memory = null;
        int forks = 1;
        Path out = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "target", "report") : Path.of("target", "report");
        int epochs = RACE_EPOCHS;
        boolean bench = true, race = true, threads = true, transforms = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            switch (a) {
                case "--quick" -> profile = Profile.QUICK;
                case "--thorough" -> profile = Profile.THOROUGH;
                case "--rules" -> {
                    rules = list(args, ++i, a);
                    rules.forEach(BenchRules::get);
                }
                case "--sizes" -> sizes = list(args, ++i, a).stream().map(s -> positive(a, s)).toList();
                case "--memory" -> {
                    memory = list(args, ++i, a);
                    for (String m : memory) {
                        if (!m.equals("array") && !m.equals("native")) {
                            throw new IllegalArgumentException("--memory takes array and/or native, got '" + m + "'");
                        }
                    }
                }
                case "--forks" -> {
                    long n = positive(a, value(args, ++i, a));
                    if (n > MAX_FORKS) {
                        throw new IllegalArgumentException("--forks takes 1 to " + MAX_FORKS + ", got " + n);
                    }
                    forks = (int) n;
                }
                case "--race-epochs" -> epochs = (int) positive(a, value(args, ++i, a));
                case "--no-race" -> race = false;
                case "--no-bench" -> bench = false;
                case "--no-threads" -> threads = false;
                case "--no-transforms" -> transforms = false;
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
            }
        }
        if (sizes != null) {
            profile = profile.withSizes(sizes);
        }
        if (memory != null) {
            profile = profile.withMemory(memory);
        }
        if (forks != 1) {
            profile = profile.withForks(forks);
        }
        return new ReportArgs(profile, List.copyOf(rules), out, epochs, bench, race, threads, transforms);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static List<String> list(String[] args, int i, String flag) {
        List<String> l = Arrays.stream(value(args, i, flag).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (l.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs at least one value");
        }
        return new ArrayList<>(l);
    }

    private static long positive(String flag, String s) {
        try {
            long v = Long.parseLong(s.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(flag + " takes positive integers, got '" + s + "'");
    }
}
