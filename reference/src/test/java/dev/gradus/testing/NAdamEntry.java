package dev.gradus.testing;

import dev.gradus.rules.NAdam;
import dev.gradus.rules.NAdamCompat;
import dev.gradus.rules.NAdamMuSchedule;
import dev.gradus.rules.Rule;
import dev.gradus.rules.WeightDecay;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/**
 * NAdam in the catalogue. The 1.13.1 golden files come from torch's single-tensor path, so they are
 * replayed with {@link NAdamCompat#TORCH_1_13} (spec R10a, §D 1).
 */
final class NAdamEntry implements CatalogEntry {

    @Override
    public String family() {
        return "nadam";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("nadam");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        if (!f.hpWord("foreach").equals("none") && !f.hpWord("foreach").equals("false")) {
            throw new IllegalArgumentException(f + ": foreach " + f.hpWord("foreach") + " is not torch 1.13.1's single-tensor path");
        }
        double[] betas = f.hpList("betas");
        return new NAdam(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"), WeightDecay.COUPLED,
                f.hp("momentum_decay"), NAdamMuSchedule.MOMENTUM_DECAY, NAdamCompat.TORCH_1_13);
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", NAdam.M, "exp_avg_sq", NAdam.V);
    }

    @Override
    public Map<String, String> goldenScalars() {
        return Map.of("mu_product", NAdam.MU_PRODUCT);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<Double> psi = Generate.pick(List.of(0.0, 4e-3, 0.01, 0.5, 3.0));
        Gen<WeightDecay> mode = Generate.enumValues(WeightDecay.class);
        Gen<NAdamMuSchedule> schedule = Generate.enumValues(NAdamMuSchedule.class);
        Gen<NAdamCompat> compat = Generate.enumValues(NAdamCompat.class);
        Gen<Object[]> options = mode.zip(psi, schedule, compat, (m, p, s, c) -> new Object[] {m, p, s, c});
        return beta.zip(beta, eps, wd, options, (b1, b2, e, w, o) -> new NAdam(b1, b2, e, w, (WeightDecay) o[0],
                (Double) o[1], (NAdamMuSchedule) o[2], (NAdamCompat) o[3]));
    }

    @Override
    public List<Invalid> invalid() {
        NAdam a = NAdam.nadam();
        return List.of(
                new Invalid("beta1 = 1", () -> a.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> a.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("NaN beta1", () -> a.withBetas(Double.NaN, 0.999), "beta1 must be in [0, 1), got NaN"),
                new Invalid("beta2 > 1", () -> a.withBetas(0.9, 1.5), "beta2 must be in [0, 1), got 1.5"),
                new Invalid("infinite beta2", () -> a.withBetas(0.9, Double.NEGATIVE_INFINITY), "beta2 must be in [0, 1), got -Infinity"),
                new Invalid("NaN beta2", () -> a.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("negative eps", () -> a.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> a.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> a.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> a.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got Infinity"),
                new Invalid("negative momentum decay", () -> a.withMomentumDecay(-4e-3), "momentumDecay must be finite and >= 0, got -0.004"),
                new Invalid("NaN momentum decay", () -> a.withMomentumDecay(Double.NaN), "momentumDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite momentum decay", () -> a.withMomentumDecay(Double.POSITIVE_INFINITY),
                        "momentumDecay must be finite and >= 0, got Infinity"),
                new Invalid("null decay mode", () -> a.withDecay(null), "decay must not be null"),
                new Invalid("null mu schedule", () -> a.withMuSchedule(null), "muSchedule must not be null"),
                new Invalid("null compat", () -> a.withCompat(null), "compat must not be null"));
    }
}
