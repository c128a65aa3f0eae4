package dev.gradus.testing;

import dev.gradus.rules.Adagrad;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** Adagrad in the catalogue. */
final class AdagradEntry implements CatalogEntry {

    @Override
    public String family() {
        return "adagrad";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("adagrad");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        return new Adagrad(f.hp("lr_decay"), f.hp("weight_decay"), f.hp("initial_accumulator_value"), f.hp("eps"),
                f.hpFlag("maximize"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("sum", Adagrad.SUM);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> lrDecay = Generate.pick(List.of(0.0, 1e-3, 0.01, 0.5));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<Double> init = Generate.pick(List.of(0.0, 1e-7, 0.1, 1.0));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-10, 1e-8, 1e-3));
        return lrDecay.zip(wd, init, eps, Generate.booleans(), Adagrad::new);
    }

    @Override
    public List<Invalid> invalid() {
        Adagrad a = new Adagrad();
        return List.of(
                new Invalid("negative lr decay", () -> a.withLrDecay(-0.1), "lrDecay must be finite and >= 0, got -0.1"),
                new Invalid("NaN lr decay", () -> a.withLrDecay(Double.NaN), "lrDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite lr decay", () -> a.withLrDecay(Double.POSITIVE_INFINITY), "lrDecay must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> a.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> a.withWeightDecay(Double.POSITIVE_INFINITY), "weightDecay must be finite and >= 0, got Infinity"),
                new Invalid("negative initial accumulator", () -> a.withInitialAccumulatorValue(-1),
                        "initialAccumulatorValue must be finite and >= 0, got -1.0"),
                new Invalid("NaN initial accumulator", () -> a.withInitialAccumulatorValue(Double.NaN),
                        "initialAccumulatorValue must be finite and >= 0, got NaN"),
                new Invalid("infinite initial accumulator", () -> a.withInitialAccumulatorValue(Double.POSITIVE_INFINITY),
                        "initialAccumulatorValue must be finite and >= 0, got Infinity"),
                new Invalid("negative eps", () -> a.withEps(-1e-10), "eps must be finite and >= 0, got -1.0E-10"),
                new Invalid("NaN eps", () -> a.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"));
    }
}
