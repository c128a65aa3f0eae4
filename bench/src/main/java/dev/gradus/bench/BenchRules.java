package dev.gradus.bench;

import dev.gradus.rules.Adagrad;
import dev.gradus.rules.AdaBound;
import dev.gradus.rules.AdaMod;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Adamax;
import dev.gradus.rules.Rmsprop;
import dev.gradus.rules.NAdam;
import dev.gradus.rules.RAdam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.Ranger;
import dev.gradus.rules.DiffGrad;
import dev.gradus.rules.Rule;
import dev.gradus.rules.Sgd;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsSums;
import dev.gradus.rules.Yogi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules the benchmarks measure, by benchmark name, at their usual settings. Adding a rule to
 * the benchmarks and the report is one line here (and its name in {@link StepBench#rule}).
 */
public final class BenchRules {
    private BenchRules() {
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("sgd-momentum", new Sgd().withMomentum(0.9));
        RULES.put("adam", Adam.adam());
        RULES.put("adamw", Adam.adamW());
        RULES.put("adagrad", new Adagrad());
        RULES.put("rmsprop", new Rmsprop());
        RULES.put("adamax", new Adamax());
        RULES.put("adabound", AdaBound.adaBound());
        RULES.put("amsbound", AdaBound.amsBound());
        RULES.put("adamod", new AdaMod());
        RULES.put("nadam", NAdam.nadam());
        RULES.put("radam", RAdam.radam());
        RULES.put("diffgrad", new DiffGrad());
        RULES.put("yogi", new Yogi());
        RULES.put("lookahead-adam", Lookahead.around(Adam.adam()));
        RULES.put("ranger", new Ranger());
        RULES.put("swats", Swats.swats());
        RULES.put("swats-double", Swats.swats().withSums(SwatsSums.FIXED_ORDER_DOUBLE));
    }

    /** Every benchmark name, in report order. */
    public static Map<String, Rule> all() {
        return RULES;
    }

    public static Rule get(String name) {
        Rule r = RULES.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no benchmark rule named '" + name + "'; known: " + RULES.keySet());
        }
        return r;
    }

    /** The learning rate the benchmarks use for a rule. */
    public static double learningRate(Rule rule) {
        return rule.defaultLearningRate().orElse(0.01);
    }
}
