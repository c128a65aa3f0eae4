package dev.gradus.testing;

import dev.gradus.rules.Rule;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsCompat;
import dev.gradus.rules.SwatsSums;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SWATS in the catalogue. The {@code swats_jettify} golden files come from jettify's class, whose SGD
 * phase is the repositories' form, so they are replayed with {@link SwatsCompat#IMPLEMENTATION} (spec R18,
 * §D 16) and every hyperparameter from their {@code hp.*} lines. Their final state adds λ
 * ({@code exp_avg2}, a per-parameter scalar) and the group's {@code phase} and {@code lr}; the momentum
 * buffer is written only by the files that switch.
 */
final class SwatsEntry implements CatalogEntry {

    @Override
    public String family() {
        return "swats";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("swats_jettify");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        return new Swats(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"), f.hpFlag("amsgrad"), f.hpFlag("nesterov"),
                SwatsCompat.IMPLEMENTATION);
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", Swats.M, "exp_avg_sq", Swats.V, "max_exp_avg_sq", Swats.V_MAX,
                "momentum_buffer", Swats.MOMENTUM);
    }

    /** The sources create {@code momentum_buffer} at a parameter's first SGD step. */
    @Override
    public Set<String> lazySlots() {
        return Set.of(Swats.MOMENTUM);
    }

    /**
     * {@code exp_avg2} is the parameter's λ; {@code group_phase} the group's phase; {@code group_lr} the
     * group's lr in the sources: Λ after the switch, the scheduled lr (the file's {@code hp.lr}) before.
     */
    @Override
    public double goldenScalar(GoldenFile file, String name, Rule rule, long steps, Map<String, Double> scalarState,
                               Map<String, Double> parameterScalars) {
        return switch (name) {
            case "exp_avg2" -> parameterScalars.get(Swats.SCALING_AVG);
            case "group_phase" -> scalarState.get(Swats.PHASE);
            case "group_lr" -> scalarState.get(Swats.PHASE) == Swats.PHASE_SGD
                    ? scalarState.get(Swats.SGD_LEARNING_RATE) : learningRate(file);
            default -> CatalogEntry.super.goldenScalar(file, name, rule, steps, scalarState, parameterScalars);
        };
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<SwatsCompat> compat = Generate.enumValues(SwatsCompat.class);
        Gen<SwatsSums> sums = Generate.enumValues(SwatsSums.class);
        Gen<Object[]> options = Generate.booleans().zip(Generate.booleans(), compat, sums,
                (a, n, c, d) -> new Object[] {a, n, c, d});
        return beta.zip(beta, eps, wd, options, (b1, b2, e, w, o) -> new Swats(b1, b2, e, w, (Boolean) o[0], (Boolean) o[1],
                (SwatsCompat) o[2], (SwatsSums) o[3]));
    }

    /** Small rates too: on random gradients SWATS switches mostly at lr ≤ 1e-5 (spec R18's scan). */
    @Override
    public Gen<Double> learningRates() {
        return Generate.pick(List.of(0.0, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0));
    }

    @Override
    public List<Invalid> invalid() {
        Swats s = Swats.swats();
        return List.of(
                new Invalid("beta1 = 1", () -> s.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> s.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("NaN beta1", () -> s.withBetas(Double.NaN, 0.999), "beta1 must be in [0, 1), got NaN"),
                new Invalid("beta2 > 1", () -> s.withBetas(0.9, 1.5), "beta2 must be in [0, 1), got 1.5"),
                new Invalid("infinite beta2", () -> s.withBetas(0.9, Double.POSITIVE_INFINITY), "beta2 must be in [0, 1), got Infinity"),
                new Invalid("NaN beta2", () -> s.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("negative eps", () -> s.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> s.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> s.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> s.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> s.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> s.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got Infinity"),
                new Invalid("null compat", () -> s.withCompat(null), "compat must not be null"),
                new Invalid("null sums", () -> s.withSums(null), "sums must not be null"));
    }
}
