package dev.gradus.bench;

import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Bytes each benchmark rule reads and writes per element and step (spec §M), keyed by its
 * {@link BenchRules} name: the one place the report takes them from. A test checks that every
 * {@link BenchRules} entry has a line here and that the line agrees with the rule's state slots.
 *
 * <p>Adding a rule to the benchmarks: one line in {@link BenchRules} and, if its name is new, one
 * line here with the figures of spec §M for the settings {@link BenchRules} uses.
 */
public final class RuleTraffic {
    private RuleTraffic() {
    }

    private static final Map<String, Traffic> TABLE = Map.ofEntries(
            // spec §M, "SGD (μ = 0)": θ, g read; θ written.
            entry("sgd", new Traffic(8, 4, "none")),
            // spec §M, "SGD momentum / Nesterov" (steady state; the first step is 8 + 8).
            entry("sgd-momentum", new Traffic(12, 8, "momentum b")),
            entry("nesterov", new Traffic(12, 8, "momentum b")),
            entry("adagrad", new Traffic(12, 8, "sum s")),
            entry("rmsprop", new Traffic(12, 8, "v")),
            entry("rmsprop-centered", new Traffic(16, 12, "v, mean g")),
            entry("adam", new Traffic(16, 12, "m, v")),
            entry("adamw", new Traffic(16, 12, "m, v")),
            entry("amsgrad", new Traffic(20, 16, "m, v, vMax")),
            entry("adamax", new Traffic(16, 12, "m, u")),
            entry("nadam", new Traffic(16, 12, "m, v")),
            entry("radam", new Traffic(16, 12, "m, v")),
            entry("adabound", new Traffic(16, 12, "m, v")),
            entry("amsbound", new Traffic(20, 16, "m, v, vMax")),
            entry("adamod", new Traffic(20, 16, "m, v, s")),
            entry("diffgrad", new Traffic(20, 16, "m, v, previous g")),
            entry("yogi", new Traffic(16, 12, "m, v")),
            // spec §M, "Lookahead wrapper": + 8/k read and + 8/k written for φ and θ on sync steps (k = 5).
            entry("lookahead-adam", new Traffic(16 + 8.0 / 5, 12 + 8.0 / 5, "m, v; φ every 5th step")),
            // spec §M, "Ranger" without the GC pass (the benchmark steps vectors): RAdam + Lookahead, k = 6.
            entry("ranger", new Traffic(16 + 8.0 / 6, 12 + 8.0 / 6, "m, v; φ every 6th step")),
            // spec §M, "SWATS Adam phase" (the phase the benchmark's step 10 runs).
            entry("swats", new Traffic(16, 12, "m, v")),
            entry("swats-double", new Traffic(16, 12, "m, v")));

    /** The traffic of the named benchmark rule, if the table has it. */
    public static Optional<Traffic> find(String rule) {
        return Optional.ofNullable(TABLE.get(rule));
    }

    /** The traffic of the named benchmark rule. */
    public static Traffic of(String rule) {
        Traffic t = TABLE.get(rule);
        if (t == null) {
            throw new IllegalArgumentException("no bytes-per-element entry for benchmark rule '" + rule
                    + "': add one line to RuleTraffic with its figures from spec §M");
        }
        return t;
    }
}
