package dev.gradus.testing;

import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.Rule;
import dev.gradus.rules.Sgd;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lookahead around every other catalogued rule. */
final class LookaheadEntry implements CatalogEntry {

    @Override
    public String family() {
        return "lookahead";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("lookahead");
    }

    private static String innerRule(GoldenFile f) {
        return switch (f.header("inner_optimizer")) {
            case "torch.optim.SGD" -> "sgd";
            case "torch.optim.Adam" -> "adam";
            case "torch.optim.AdamW" -> "adamw";
            default -> throw new IllegalArgumentException(f + ": unknown inner optimizer " + f.header("inner_optimizer"));
        };
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        String inner = innerRule(f);
        if (!f.hpWord("pullback_momentum").equals("none")) {
            throw new IllegalArgumentException(f + ": pullback_momentum is not supported");
        }
        Rule innerRule = RuleCatalog.forGoldenRule(inner).orElseThrow().fromGolden(f.inner(inner));
        // michaelrzhang/lookahead: θ ← θ·α + (1−α)·φ every la_steps-th step, φ = θ at construction.
        return new Lookahead(innerRule, (int) f.hp("la_steps"), f.hp("la_alpha"), Lookahead.Formula.FAST_WEIGHTED,
                Lookahead.Timing.EVERY_KTH);
    }

    @Override
    public double learningRate(GoldenFile f) {
        return f.inner(innerRule(f)).hp("lr");
    }

    /** michaelrzhang's {@code _la_step} counts steps since the last sync: the step count mod k. */
    @Override
    public double goldenScalar(String name, Rule rule, long steps, Map<String, Double> scalarState) {
        if (name.equals("_la_step")) {
            return steps % ((Lookahead) rule).k();
        }
        return CatalogEntry.super.goldenScalar(name, rule, steps, scalarState);
    }

    @Override
    public Map<String, String> goldenSlots() {
        Map<String, String> m = new HashMap<>();
        for (CatalogEntry e : RuleCatalog.entries()) {
            if (e != this) {
                m.putAll(e.goldenSlots());
            }
        }
        m.put("cached_params", Lookahead.SLOW);
        m.put("slow_buffer", Lookahead.SLOW);
        return m;
    }

    @Override
    public Gen<Rule> rules() {
        // Inner rules whose twins agree bit for bit: a sync copies θ into the slow slot, so an inner
        // rule that may differ in θ by design (DiffGrad's exp) would make the slots differ as well.
        List<CatalogEntry> inners = RuleCatalog.entries().stream()
                .filter(e -> e != this && !e.family().equals("ranger") && e.vectorUlps() == 0 && !e.differsInParamOnly())
                .toList();
        Gen<Rule> inner = Generate.pick(inners).flatMap(CatalogEntry::rules);
        return inner.zip(Generate.range(1, 7), Generate.pick(List.of(0.0, 0.3, 0.5, 0.8, 1.0)),
                Generate.enumValues(Lookahead.Formula.class), Generate.enumValues(Lookahead.Timing.class),
                (r, k, a, f, t) -> new Lookahead(r, k, a, f, t));
    }

    @Override
    public Gen<Double> learningRates() {
        // Non-zero: some inner rules (AdaBound) need a positive learning rate at step 1.
        return Generate.pick(List.of(1e-4, 1e-3, 0.01, 0.1, 1.0));
    }

    @Override
    public List<Invalid> invalid() {
        Lookahead l = Lookahead.around(new Sgd());
        return List.of(
                new Invalid("k = 0", () -> l.withK(0), "k must be >= 1, got 0"),
                new Invalid("alpha > 1", () -> l.withAlpha(1.5), "alpha must be in [0, 1], got 1.5"),
                new Invalid("negative alpha", () -> l.withAlpha(-0.1), "alpha must be in [0, 1], got -0.1"),
                new Invalid("NaN alpha", () -> l.withAlpha(Double.NaN), "alpha must be in [0, 1], got NaN"),
                new Invalid("no inner rule", () -> Lookahead.around(null), "inner must not be null"),
                new Invalid("null formula", () -> l.withFormula(null), "formula must not be null"),
                new Invalid("Lookahead in Lookahead", () -> Lookahead.around(Lookahead.around(Adam.adam())),
                        "inner must not have a slot named 'slow' (Lookahead cannot wrap lookahead)"));
    }
}
