package dev.gradus.testing;

import dev.gradus.rules.AdaBound;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** AdaBound and AMSBound in the catalogue. */
final class AdaBoundEntry implements CatalogEntry {

    @Override
    public String family() {
        return "adabound";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("adabound", "amsbound");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        return new AdaBound(betas[0], betas[1], f.hp("final_lr"), f.hp("gamma"), f.hp("eps"), f.hp("weight_decay"),
                f.hpFlag("amsbound"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", AdaBound.M, "exp_avg_sq", AdaBound.V, "max_exp_avg_sq", AdaBound.V_MAX);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> finalLr = Generate.pick(List.of(0.0, 1e-3, 0.05, 0.1, 1.0, 30.0));
        Gen<Double> gamma = Generate.pick(List.of(1e-9, 1e-6, 1e-3, 0.01, 0.5, 0.999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<Object[]> rest = eps.zip(wd, Generate.booleans(), (e, w, a) -> new Object[] {e, w, a});
        return beta.zip(beta, finalLr, gamma, rest,
                (b1, b2, fl, gm, r) -> new AdaBound(b1, b2, fl, gm, (Double) r[0], (Double) r[1], (Boolean) r[2]));
    }

    /**
     * Positive only: the bounds are scaled by lr / (the learning rate of step 1), which must be
     * {@code > 0} (a zero step-1 rate is rejected; see {@code AdaBoundCoefficientTest}).
     */
    @Override
    public Gen<Double> learningRates() {
        return Generate.pick(List.of(1e-4, 1e-3, 0.01, 0.1, 1.0, 3.0));
    }

    @Override
    public List<Invalid> invalid() {
        AdaBound a = AdaBound.adaBound();
        return List.of(
                new Invalid("beta1 = 1", () -> a.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> a.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("beta2 > 1", () -> a.withBetas(0.9, 1.5), "beta2 must be in [0, 1), got 1.5"),
                new Invalid("NaN beta2", () -> a.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("infinite beta1", () -> a.withBetas(Double.NEGATIVE_INFINITY, 0.999),
                        "beta1 must be in [0, 1), got -Infinity"),
                new Invalid("negative final lr", () -> a.withFinalLr(-0.1), "finalLr must be finite and >= 0, got -0.1"),
                new Invalid("NaN final lr", () -> a.withFinalLr(Double.NaN), "finalLr must be finite and >= 0, got NaN"),
                new Invalid("infinite final lr", () -> a.withFinalLr(Double.POSITIVE_INFINITY),
                        "finalLr must be finite and >= 0, got Infinity"),
                new Invalid("gamma = 0 (divides by zero at t = 1)", () -> a.withGamma(0.0), "gamma must be in (0, 1), got 0.0"),
                new Invalid("negative gamma", () -> a.withGamma(-1e-3), "gamma must be in (0, 1), got -0.001"),
                new Invalid("gamma = 1", () -> a.withGamma(1.0), "gamma must be in (0, 1), got 1.0"),
                new Invalid("NaN gamma", () -> a.withGamma(Double.NaN), "gamma must be in (0, 1), got NaN"),
                new Invalid("infinite gamma", () -> a.withGamma(Double.POSITIVE_INFINITY), "gamma must be in (0, 1), got Infinity"),
                new Invalid("negative eps", () -> a.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> a.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> AdaBound.amsBound().withWeightDecay(Double.NaN),
                        "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> a.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got Infinity"));
    }
}
