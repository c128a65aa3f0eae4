package dev.gradus.testing;

import dev.gradus.rules.Rule;
import dev.gradus.rules.Sgd;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/** SGD in the catalogue. */
final class SgdEntry implements CatalogEntry {

    @Override
    public String family() {
        return "sgd";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("sgd");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        return new Sgd(f.hp("momentum"), f.hp("dampening"), f.hpFlag("nesterov"), f.hp("weight_decay"), f.hpFlag("maximize"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("momentum_buffer", Sgd.MOMENTUM_SLOT);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> momentum = Generate.pick(List.of(0.0, 0.5, 0.9, 0.99, 1.5));
        Gen<Double> dampening = Generate.pick(List.of(0.0, 0.1, 0.5, -0.25));
        Gen<Double> decay = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.5));
        return momentum.zip(dampening, Generate.booleans(), decay, Generate.booleans(),
                (mu, tau, nesterov, wd, max) -> nesterov && mu > 0
                        ? new Sgd(mu, 0.0, true, wd, max)
                        : new Sgd(mu, tau, false, wd, max));
    }

    @Override
    public List<Invalid> invalid() {
        return List.of(
                new Invalid("negative momentum", () -> new Sgd().withMomentum(-0.1), "momentum must be finite and >= 0, got -0.1"),
                new Invalid("NaN momentum", () -> new Sgd().withMomentum(Double.NaN), "momentum must be finite and >= 0, got NaN"),
                new Invalid("infinite dampening", () -> new Sgd().withDampening(Double.POSITIVE_INFINITY), "dampening must be finite, got Infinity"),
                new Invalid("negative weight decay", () -> new Sgd().withWeightDecay(-1), "weightDecay must be finite and >= 0, got -1.0"),
                new Invalid("nesterov without momentum", () -> new Sgd().withNesterov(true),
                        "nesterov requires momentum > 0 and dampening = 0, got momentum 0.0 and dampening 0.0"),
                new Invalid("nesterov with dampening", () -> new Sgd(0.9, 0.1, true, 0, false),
                        "nesterov requires momentum > 0 and dampening = 0, got momentum 0.9 and dampening 0.1"));
    }
}
