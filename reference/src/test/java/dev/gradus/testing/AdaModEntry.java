package dev.gradus.testing;

import dev.gradus.rules.AdaMod;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** AdaMod in the catalogue. */
final class AdaModEntry implements CatalogEntry {

    @Override
    public String family() {
        return "adamod";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("adamod");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        return new AdaMod(betas[0], betas[1], f.hp("beta3"), f.hp("eps"), f.hp("weight_decay"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", AdaMod.M, "exp_avg_sq", AdaMod.V, "exp_avg_lr", AdaMod.STEP_SIZE_AVG);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1, 2.0));
        return beta.zip(beta, beta, eps, wd, AdaMod::new);
    }

    @Override
    public List<Invalid> invalid() {
        AdaMod a = new AdaMod();
        return List.of(
                new Invalid("beta1 = 1", () -> a.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> a.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("beta2 > 1", () -> a.withBetas(0.9, 1.5), "beta2 must be in [0, 1), got 1.5"),
                new Invalid("NaN beta2", () -> a.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("beta3 = 1", () -> a.withBeta3(1.0), "beta3 must be in [0, 1), got 1.0"),
                new Invalid("negative beta3", () -> a.withBeta3(-0.5), "beta3 must be in [0, 1), got -0.5"),
                new Invalid("NaN beta3", () -> a.withBeta3(Double.NaN), "beta3 must be in [0, 1), got NaN"),
                new Invalid("infinite beta3", () -> a.withBeta3(Double.POSITIVE_INFINITY), "beta3 must be in [0, 1), got Infinity"),
                new Invalid("negative eps", () -> a.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> a.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> a.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> a.withWeightDecay(Double.NEGATIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got -Infinity"));
    }
}
