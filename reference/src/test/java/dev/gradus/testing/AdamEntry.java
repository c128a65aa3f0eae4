package dev.gradus.testing;

import dev.gradus.rules.Adam;
import dev.gradus.rules.Rule;
import dev.gradus.rules.WeightDecay;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** Adam and AdamW in the catalogue. */
final class AdamEntry implements CatalogEntry {

    @Override
    public String family() {
        return "adam";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("adam", "adamw");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        WeightDecay decay = f.rule().equals("adamw") ? WeightDecay.DECOUPLED : WeightDecay.COUPLED;
        return new Adam(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"), decay, f.hpFlag("amsgrad"), f.hpFlag("maximize"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", Adam.M, "exp_avg_sq", Adam.V, "max_exp_avg_sq", Adam.V_MAX);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<WeightDecay> mode = Generate.enumValues(WeightDecay.class);
        Gen<Boolean[]> flags = Generate.booleans().zip(Generate.booleans(), (a, b) -> new Boolean[] {a, b});
        return beta.zip(beta, eps, wd, mode.zip(flags, (m, f) -> new Object[] {m, f[0], f[1]}),
                (b1, b2, e, w, o) -> new Adam(b1, b2, e, w, (WeightDecay) o[0], (Boolean) o[1], (Boolean) o[2]));
    }

    @Override
    public List<Invalid> invalid() {
        Adam a = Adam.adam();
        return List.of(
                new Invalid("beta1 = 1", () -> a.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("beta1 > 1", () -> a.withBetas(1.2, 0.999), "beta1 must be in [0, 1), got 1.2"),
                new Invalid("negative beta2", () -> a.withBetas(0.9, -0.5), "beta2 must be in [0, 1), got -0.5"),
                new Invalid("NaN beta2", () -> a.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("negative eps", () -> a.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> Adam.adamW().withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("null decay mode", () -> a.withDecay(null), "decay must not be null"));
    }
}
