package dev.gradus.bench;

import dev.gradus.kernel.Kernels;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark report: runs {@link StepBench} through JMH for every rule, size, kernel set and
 * memory kind, then prints ns per element and the vector/scalar ratio.
 *
 * <p>Arguments: {@code --thorough} (longer warm-up and measurement), {@code --rules a,b},
 * {@code --sizes 4096,65536}, {@code --memory array|native}.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean thorough = false;
        String rules = String.join(",", BenchRules.all().keySet());
        String sizes = "4096,65536,1048576,16777216";
        String memory = "array,native";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--thorough" -> thorough = true;
                case "--quick" -> thorough = false;
                case "--rules" -> rules = value(args, ++i);
                case "--sizes" -> sizes = value(args, ++i);
                case "--memory" -> memory = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --quick, --thorough, --rules a,b, --sizes n,m, --memory array,native");
            }
        }
        System.out.println("Gradus benchmark report (" + (thorough ? "thorough" : "quick") + "): JDK "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors, kernels in this JVM: "
                + Kernels.choice());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(StepBench.class.getName() + ".step")
                .param("rule", rules.split(","))
                .param("size", sizes.split(","))
                .param("memory", memory.split(","))
                .param("kernels", "scalar", "vector")
                .shouldFailOnError(true);
        if (thorough) {
            o.warmupIterations(5).warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(TimeValue.seconds(2));
        } else {
            o.warmupIterations(3).warmupTime(TimeValue.milliseconds(500)).measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        print(results);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private record Key(String rule, int size, String memory) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(order(rule), order(o.rule));
            if (c == 0) c = Integer.compare(size, o.size);
            return c != 0 ? c : memory.compareTo(o.memory);
        }

        private static int order(String rule) {
            return new ArrayList<>(BenchRules.all().keySet()).indexOf(rule);
        }
    }

    static void print(Collection<RunResult> results) {
        Map<Key, double[]> rows = new TreeMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            int size = Integer.parseInt(p.getParam("size"));
            Key k = new Key(p.getParam("rule"), size, p.getParam("memory"));
            double nsPerElement = r.getPrimaryResult().getScore() / size;
            rows.computeIfAbsent(k, x -> new double[] {Double.NaN, Double.NaN})[p.getParam("kernels").equals("scalar") ? 0 : 1] = nsPerElement;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-14s %10s %-7s %12s %12s %14s", "rule", "size", "memory", "scalar ns/el", "vector ns/el", "vector/scalar"));
        for (var e : rows.entrySet()) {
            double s = e.getValue()[0], v = e.getValue()[1];
            lines.add(String.format(Locale.ROOT, "%-14s %10d %-7s %12.4f %12.4f %13.2fx", e.getKey().rule(), e.getKey().size(),
                    e.getKey().memory(), s, v, s / v));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }
}
