package dev.gradus.testing;

import dev.gradus.rules.Rule;
import dev.gradus.rules.Yogi;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** Yogi (jettify's form) in the catalogue: bitwise against the goldens and between scalar and SIMD. */
final class YogiEntry implements CatalogEntry {

    @Override
    public String family() {
        return "yogi";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("yogi");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        return new Yogi(betas[0], betas[1], f.hp("eps"), f.hp("initial_accumulator"), f.hp("weight_decay"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", Yogi.M, "exp_avg_sq", Yogi.V);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        // negative and −0 accumulators too: jettify accepts any value, and σ = sign(v − q) must map ±0 to +0
        Gen<Double> init = Generate.pick(List.of(0.0, -0.0, 1e-6, 1e-2, 0.5, 3.0, -1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        return beta.zip(beta, eps, init, wd, Yogi::new);
    }

    @Override
    public List<Invalid> invalid() {
        Yogi y = new Yogi();
        return List.of(
                new Invalid("beta1 = 1", () -> y.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> y.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("NaN beta1", () -> y.withBetas(Double.NaN, 0.999), "beta1 must be in [0, 1), got NaN"),
                new Invalid("beta2 > 1", () -> y.withBetas(0.9, 1.5), "beta2 must be in [0, 1), got 1.5"),
                new Invalid("infinite beta2", () -> y.withBetas(0.9, Double.NEGATIVE_INFINITY), "beta2 must be in [0, 1), got -Infinity"),
                new Invalid("negative eps", () -> y.withEps(-1e-3), "eps must be finite and >= 0, got -0.001"),
                new Invalid("NaN eps", () -> y.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> y.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("NaN initial accumulator", () -> y.withInitialAccumulatorValue(Double.NaN),
                        "initialAccumulatorValue must be finite, got NaN"),
                new Invalid("infinite initial accumulator", () -> y.withInitialAccumulatorValue(Double.POSITIVE_INFINITY),
                        "initialAccumulatorValue must be finite, got Infinity"),
                new Invalid("-infinite initial accumulator", () -> y.withInitialAccumulatorValue(Double.NEGATIVE_INFINITY),
                        "initialAccumulatorValue must be finite, got -Infinity"),
                new Invalid("negative weight decay", () -> y.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> y.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> y.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got Infinity"));
    }
}
