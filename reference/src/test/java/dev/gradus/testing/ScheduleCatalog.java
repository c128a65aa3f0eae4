package dev.gradus.testing;

import dev.gradus.Schedule;
import dev.gradus.schedule.ConstantWarmup;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.CosineWarmRestarts;
import dev.gradus.schedule.Cyclic;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.Form;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.OneCycle;
import dev.gradus.schedule.Sequential;
import dev.gradus.schedule.StepDecay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Golden schedule files ({@code kind schedule}) → our schedules: one line per torch scheduler
 * class. A golden rule name is the class name in lower case ({@code StepLR} → {@code steplr}).
 * Anything this mapping does not understand (an unknown class, a non-default option we do not
 * model) is an error, never a skip.
 */
public final class ScheduleCatalog {

    /** Builds one scheduler from the header keys under {@code prefix} ({@code hp.}, {@code sub0.}, …). */
    @FunctionalInterface
    private interface Builder {
        Schedule build(Header h, Form form);
    }

    private static final Map<String, Builder> BY_CLASS = Map.of(
            "StepLR", (h, form) -> new StepDecay(h.base(), h.integer("step_size"), h.number("gamma"), form),
            "MultiStepLR", (h, form) -> new MultiStepDecay(h.base(), h.integers("milestones"), h.number("gamma"), form),
            "ExponentialLR", (h, form) -> new ExponentialDecay(h.base(), h.number("gamma"), form),
            "ConstantLR", (h, form) -> new ConstantWarmup(h.base(), h.number("factor"), h.integer("total_iters"), form),
            "LinearLR", (h, form) -> new LinearWarmup(h.base(), h.number("start_factor"), h.number("end_factor"),
                    h.integer("total_iters"), form),
            "CosineAnnealingLR", (h, form) -> new CosineAnnealing(h.base(), h.integer("T_max"), h.number("eta_min"), form),
            "CosineAnnealingWarmRestarts", (h, form) -> new CosineWarmRestarts(h.base(), h.integer("T_0"),
                    h.integer("T_mult"), h.number("eta_min")),
            "CyclicLR", (h, form) -> cyclic(h),
            "OneCycleLR", (h, form) -> oneCycle(h),
            "SequentialLR", ScheduleCatalog::sequential);

    private ScheduleCatalog() {
    }

    /** The golden rule names this mapping reads. */
    public static Set<String> goldenRules() {
        Set<String> rules = new TreeSet<>();
        for (String c : BY_CLASS.keySet()) {
            rules.add(c.toLowerCase(Locale.ROOT));
        }
        return rules;
    }

    public static boolean coversGoldenRule(String rule) {
        return goldenRules().contains(rule);
    }

    /** The learning-rate schedule of a golden schedule file, recursive (torch's) or closed form. */
    public static Schedule learningRate(GoldenFile f, Form form) {
        return build(f.header("scheduler"), new Header(f, "hp.", optimizerLr(f)), form);
    }

    /** The momentum (SGD) or β1 (Adam) schedule the file's scheduler cycles, if it cycles one. */
    public static Optional<Schedule> momentum(GoldenFile f) {
        Schedule lr = learningRate(f, Form.RECURSIVE);
        return switch (lr) {
            case Cyclic c when new Header(f, "hp.", 0).flag("cycle_momentum") ->
                    Optional.of(f.header("optimizer").equals("Adam") ? c.beta1() : c.momentum());
            case OneCycle c when new Header(f, "hp.", 0).flag("cycle_momentum") ->
                    Optional.of(f.header("optimizer").equals("Adam") ? c.beta1() : c.momentum());
            default -> Optional.empty();
        };
    }

    private static double optimizerLr(GoldenFile f) {
        return Double.parseDouble(f.header("opt.lr"));
    }

    private static Schedule build(String torchClass, Header h, Form form) {
        Builder b = BY_CLASS.get(torchClass);
        if (b == null) {
            throw new IllegalArgumentException(h.file.fileName() + ": unknown scheduler class " + torchClass);
        }
        if (h.has("last_epoch") && h.integer("last_epoch") != -1) {
            throw new IllegalArgumentException(h.file.fileName() + ": resuming (last_epoch != -1) is not modelled");
        }
        return b.build(h, form);
    }

    private static Cyclic cyclic(Header h) {
        if (!h.word("scale_fn").equals("none")) {
            throw new IllegalArgumentException(h.file.fileName() + ": a custom scale_fn is not modelled");
        }
        Cyclic.Mode mode = switch (h.word("mode")) {
            case "triangular" -> Cyclic.Mode.TRIANGULAR;
            case "triangular2" -> Cyclic.Mode.TRIANGULAR2;
            case "exp_range" -> Cyclic.Mode.EXP_RANGE;
            default -> throw new IllegalArgumentException(h.file.fileName() + ": unknown mode " + h.word("mode"));
        };
        double up = h.number("step_size_up");
        double down = h.word("step_size_down").equals("none") ? up : h.number("step_size_down");
        return new Cyclic(h.number("base_lr"), h.number("max_lr"), up, down, mode, h.number("gamma"),
                h.number("base_momentum"), h.number("max_momentum"));
    }

    private static OneCycle oneCycle(Header h) {
        long total = h.word("total_steps").equals("none")
                ? Math.multiplyExact(h.integer("epochs"), h.integer("steps_per_epoch")) : h.integer("total_steps");
        OneCycle.Anneal anneal = switch (h.word("anneal_strategy")) {
            case "cos" -> OneCycle.Anneal.COS;
            case "linear" -> OneCycle.Anneal.LINEAR;
            default -> throw new IllegalArgumentException(h.file.fileName() + ": unknown anneal_strategy " + h.word("anneal_strategy"));
        };
        return new OneCycle(h.number("max_lr"), total, h.number("pct_start"), anneal, h.flag("three_phase"),
                h.number("div_factor"), h.number("final_div_factor"), h.number("base_momentum"), h.number("max_momentum"));
    }

    private static Sequential sequential(Header h, Form form) {
        List<Schedule> subs = new ArrayList<>();
        for (int i = 0; h.file.has("sub" + i); i++) {
            subs.add(build(h.file.header("sub" + i), new Header(h.file, "sub" + i + ".", h.base()), form));
        }
        return new Sequential(subs, h.integers("milestones"));
    }

    /** The header keys of one scheduler. */
    private record Header(GoldenFile file, String prefix, double base) {

        boolean has(String name) {
            return file.has(prefix + name);
        }

        String word(String name) {
            return file.header(prefix + name);
        }

        double number(String name) {
            return Double.parseDouble(word(name));
        }

        long integer(String name) {
            return Long.parseLong(word(name));
        }

        List<Long> integers(String name) {
            return Arrays.stream(word(name).split(" ")).map(Long::parseLong).toList();
        }

        boolean flag(String name) {
            String v = word(name);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(file.fileName() + ": " + prefix + name + " is not a boolean: " + v);
            }
            return v.equals("true");
        }
    }
}
