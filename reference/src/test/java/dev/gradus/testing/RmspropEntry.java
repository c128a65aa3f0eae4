package dev.gradus.testing;

import dev.gradus.rules.Rmsprop;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** RMSprop in the catalogue: every combination of centered × momentum, α above 1 included (torch allows it). */
final class RmspropEntry implements CatalogEntry {

    @Override
    public String family() {
        return "rmsprop";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("rmsprop");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        return new Rmsprop(f.hp("alpha"), f.hp("eps"), f.hp("weight_decay"), f.hp("momentum"), f.hpFlag("centered"),
                f.hpFlag("maximize"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("square_avg", Rmsprop.SQUARE_AVG, "grad_avg", Rmsprop.GRAD_AVG, "momentum_buffer", Rmsprop.MOMENTUM);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> alpha = Generate.pick(List.of(0.0, 0.5, 0.9, 0.95, 0.99, 1.0, 1.5));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<Double> momentum = Generate.pick(List.of(0.0, 0.5, 0.9, 1.5));
        Gen<Boolean[]> flags = Generate.booleans().zip(Generate.booleans(), (a, b) -> new Boolean[] {a, b});
        return alpha.zip(eps, wd, momentum, flags, (a, e, w, mu, f) -> new Rmsprop(a, e, w, mu, f[0], f[1]));
    }

    @Override
    public List<Invalid> invalid() {
        Rmsprop r = new Rmsprop();
        return List.of(
                new Invalid("negative alpha", () -> r.withAlpha(-0.5), "alpha must be finite and >= 0, got -0.5"),
                new Invalid("NaN alpha", () -> r.withAlpha(Double.NaN), "alpha must be finite and >= 0, got NaN"),
                new Invalid("infinite alpha", () -> r.withAlpha(Double.POSITIVE_INFINITY), "alpha must be finite and >= 0, got Infinity"),
                new Invalid("negative eps", () -> r.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> r.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> r.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> r.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("NaN weight decay", () -> r.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> r.withWeightDecay(Double.POSITIVE_INFINITY), "weightDecay must be finite and >= 0, got Infinity"),
                new Invalid("negative momentum", () -> r.withMomentum(-0.9), "momentum must be finite and >= 0, got -0.9"),
                new Invalid("NaN momentum", () -> r.withMomentum(Double.NaN), "momentum must be finite and >= 0, got NaN"),
                new Invalid("infinite momentum", () -> r.withMomentum(Double.NEGATIVE_INFINITY), "momentum must be finite and >= 0, got -Infinity"));
    }
}
