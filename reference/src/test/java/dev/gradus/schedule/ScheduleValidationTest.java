package dev.gradus.schedule;

import dev.gradus.Schedule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every invalid hyperparameter of every schedule is rejected with its exact message. */
class ScheduleValidationTest {

    private record Invalid(String what, Supplier<Object> build, String message) {
    }

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Schedule ANY = new StepDecay(0.1, 10);

    private static List<Invalid> invalid() {
        Cyclic c = new Cyclic(1e-3, 0.1, 10);
        OneCycle o = new OneCycle(0.1, 100);
        return List.of(
                new Invalid("StepDecay NaN base", () -> new StepDecay(NAN, 10), "base must be finite, got NaN"),
                new Invalid("StepDecay infinite base", () -> new StepDecay(INF, 10), "base must be finite, got Infinity"),
                new Invalid("StepDecay stepSize 0", () -> new StepDecay(0.1, 0), "stepSize must be >= 1, got 0"),
                new Invalid("StepDecay negative stepSize", () -> new StepDecay(0.1, -3), "stepSize must be >= 1, got -3"),
                new Invalid("StepDecay negative gamma", () -> new StepDecay(0.1, 10, -0.1), "gamma must be finite and >= 0, got -0.1"),
                new Invalid("StepDecay NaN gamma", () -> new StepDecay(0.1, 10, NAN), "gamma must be finite and >= 0, got NaN"),
                new Invalid("StepDecay infinite gamma", () -> new StepDecay(0.1, 10, INF), "gamma must be finite and >= 0, got Infinity"),
                new Invalid("StepDecay null form", () -> new StepDecay(0.1, 10, 0.1, null), "form must not be null"),

                new Invalid("MultiStepDecay NaN base", () -> new MultiStepDecay(NAN, List.of(5L)), "base must be finite, got NaN"),
                new Invalid("MultiStepDecay null milestones", () -> new MultiStepDecay(0.1, null), "milestones must not be null"),
                new Invalid("MultiStepDecay null milestone", () -> new MultiStepDecay(0.1, Arrays.asList(5L, null)), "milestone must not be null"),
                new Invalid("MultiStepDecay negative milestone", () -> new MultiStepDecay(0.1, List.of(5L, -1L)), "milestone must be >= 0, got -1"),
                new Invalid("MultiStepDecay negative gamma", () -> new MultiStepDecay(0.1, List.of(5L), -2.0), "gamma must be finite and >= 0, got -2.0"),
                new Invalid("MultiStepDecay NaN gamma", () -> new MultiStepDecay(0.1, List.of(5L), NAN), "gamma must be finite and >= 0, got NaN"),
                new Invalid("MultiStepDecay infinite gamma", () -> new MultiStepDecay(0.1, List.of(5L), INF), "gamma must be finite and >= 0, got Infinity"),
                new Invalid("MultiStepDecay null form", () -> new MultiStepDecay(0.1, List.of(5L), 0.1, null), "form must not be null"),

                new Invalid("ExponentialDecay -inf base", () -> new ExponentialDecay(-INF, 0.9), "base must be finite, got -Infinity"),
                new Invalid("ExponentialDecay negative gamma", () -> new ExponentialDecay(0.1, -0.9), "gamma must be finite and >= 0, got -0.9"),
                new Invalid("ExponentialDecay NaN gamma", () -> new ExponentialDecay(0.1, NAN), "gamma must be finite and >= 0, got NaN"),
                new Invalid("ExponentialDecay infinite gamma", () -> new ExponentialDecay(0.1, INF), "gamma must be finite and >= 0, got Infinity"),
                new Invalid("ExponentialDecay null form", () -> new ExponentialDecay(0.1, 0.9, null), "form must not be null"),

                new Invalid("ConstantWarmup NaN base", () -> new ConstantWarmup(NAN), "base must be finite, got NaN"),
                new Invalid("ConstantWarmup factor 0", () -> new ConstantWarmup(0.1, 0.0, 5), "factor must be in (0, 1], got 0.0"),
                new Invalid("ConstantWarmup factor > 1", () -> new ConstantWarmup(0.1, 1.5, 5), "factor must be in (0, 1], got 1.5"),
                new Invalid("ConstantWarmup negative factor", () -> new ConstantWarmup(0.1, -0.5, 5), "factor must be in (0, 1], got -0.5"),
                new Invalid("ConstantWarmup NaN factor", () -> new ConstantWarmup(0.1, NAN, 5), "factor must be in (0, 1], got NaN"),
                new Invalid("ConstantWarmup totalIters 0", () -> new ConstantWarmup(0.1, 0.5, 0), "totalIters must be >= 1, got 0"),
                new Invalid("ConstantWarmup null form", () -> new ConstantWarmup(0.1, 0.5, 5, null), "form must not be null"),

                new Invalid("LinearWarmup infinite base", () -> new LinearWarmup(INF), "base must be finite, got Infinity"),
                new Invalid("LinearWarmup startFactor 0", () -> new LinearWarmup(0.1, 0.0, 1.0, 5), "startFactor must be in (0, 1], got 0.0"),
                new Invalid("LinearWarmup startFactor > 1", () -> new LinearWarmup(0.1, 1.2, 1.0, 5), "startFactor must be in (0, 1], got 1.2"),
                new Invalid("LinearWarmup NaN startFactor", () -> new LinearWarmup(0.1, NAN, 1.0, 5), "startFactor must be in (0, 1], got NaN"),
                new Invalid("LinearWarmup negative endFactor", () -> new LinearWarmup(0.1, 0.1, -0.1, 5), "endFactor must be in [0, 1], got -0.1"),
                new Invalid("LinearWarmup endFactor > 1", () -> new LinearWarmup(0.1, 0.1, 1.5, 5), "endFactor must be in [0, 1], got 1.5"),
                new Invalid("LinearWarmup NaN endFactor", () -> new LinearWarmup(0.1, 0.1, NAN, 5), "endFactor must be in [0, 1], got NaN"),
                new Invalid("LinearWarmup totalIters 0", () -> new LinearWarmup(0.1, 0.1, 1.0, 0), "totalIters must be >= 1, got 0"),
                new Invalid("LinearWarmup null form", () -> new LinearWarmup(0.1, 0.1, 1.0, 5, null), "form must not be null"),

                new Invalid("CosineAnnealing NaN base", () -> new CosineAnnealing(NAN, 100), "base must be finite, got NaN"),
                new Invalid("CosineAnnealing tMax 0", () -> new CosineAnnealing(0.1, 0), "tMax must be >= 1, got 0"),
                new Invalid("CosineAnnealing NaN etaMin", () -> new CosineAnnealing(0.1, 100, NAN), "etaMin must be finite, got NaN"),
                new Invalid("CosineAnnealing infinite etaMin", () -> new CosineAnnealing(0.1, 100, INF), "etaMin must be finite, got Infinity"),
                new Invalid("CosineAnnealing null form", () -> new CosineAnnealing(0.1, 100, 0.0, null), "form must not be null"),

                new Invalid("CosineWarmRestarts NaN base", () -> new CosineWarmRestarts(NAN, 10), "base must be finite, got NaN"),
                new Invalid("CosineWarmRestarts t0 0", () -> new CosineWarmRestarts(0.1, 0), "t0 must be >= 1, got 0"),
                new Invalid("CosineWarmRestarts tMult 0", () -> new CosineWarmRestarts(0.1, 10, 0, 0.0), "tMult must be >= 1, got 0"),
                new Invalid("CosineWarmRestarts NaN etaMin", () -> new CosineWarmRestarts(0.1, 10, 2, NAN), "etaMin must be finite, got NaN"),
                new Invalid("CosineWarmRestarts -inf etaMin", () -> new CosineWarmRestarts(0.1, 10, 2, -INF), "etaMin must be finite, got -Infinity"),

                new Invalid("RAdamWarmup NaN base", () -> new RAdamWarmup(NAN, 10), "base must be finite, got NaN"),
                new Invalid("RAdamWarmup negative warmup", () -> new RAdamWarmup(0.1, -1), "warmup must be >= 0, got -1"),

                new Invalid("Cyclic NaN baseLr", () -> new Cyclic(NAN, 0.1, 10), "baseLr must be finite, got NaN"),
                new Invalid("Cyclic infinite maxLr", () -> new Cyclic(1e-3, INF, 10), "maxLr must be finite, got Infinity"),
                new Invalid("Cyclic stepSizeUp 0", () -> new Cyclic(1e-3, 0.1, 0), "stepSizeUp must be finite and > 0, got 0.0"),
                new Invalid("Cyclic negative stepSizeUp", () -> new Cyclic(1e-3, 0.1, -5), "stepSizeUp must be finite and > 0, got -5.0"),
                new Invalid("Cyclic infinite stepSizeUp", () -> new Cyclic(1e-3, 0.1, INF), "stepSizeUp must be finite and > 0, got Infinity"),
                new Invalid("Cyclic NaN stepSizeUp", () -> new Cyclic(1e-3, 0.1, NAN), "stepSizeUp must be finite and > 0, got NaN"),
                new Invalid("Cyclic negative stepSizeDown", () -> c.withStepSizeDown(-1), "stepSizeDown must be finite and >= 0, got -1.0"),
                new Invalid("Cyclic NaN stepSizeDown", () -> c.withStepSizeDown(NAN), "stepSizeDown must be finite and >= 0, got NaN"),
                new Invalid("Cyclic infinite stepSizeDown", () -> c.withStepSizeDown(INF), "stepSizeDown must be finite and >= 0, got Infinity"),
                new Invalid("Cyclic null mode", () -> c.withMode(null), "mode must not be null"),
                new Invalid("Cyclic gamma > 1", () -> c.withGamma(1.5), "gamma must be in [0, 1], got 1.5"),
                new Invalid("Cyclic negative gamma", () -> c.withGamma(-0.1), "gamma must be in [0, 1], got -0.1"),
                new Invalid("Cyclic NaN gamma", () -> c.withGamma(NAN), "gamma must be in [0, 1], got NaN"),
                new Invalid("Cyclic NaN baseMomentum", () -> c.withMomentum(NAN, 0.9), "baseMomentum must be finite, got NaN"),
                new Invalid("Cyclic infinite maxMomentum", () -> c.withMomentum(0.8, INF), "maxMomentum must be finite, got Infinity"),
                new Invalid("Cyclic.Momentum null", () -> new Cyclic.Momentum(null), "cycle must not be null"),

                new Invalid("OneCycle NaN maxLr", () -> new OneCycle(NAN, 100), "maxLr must be finite, got NaN"),
                new Invalid("OneCycle infinite maxLr", () -> new OneCycle(INF, 100), "maxLr must be finite, got Infinity"),
                new Invalid("OneCycle totalSteps 0", () -> new OneCycle(0.1, 0), "totalSteps must be >= 1, got 0"),
                new Invalid("OneCycle pctStart > 1", () -> o.withPctStart(1.5), "pctStart must be in [0, 1], got 1.5"),
                new Invalid("OneCycle negative pctStart", () -> o.withPctStart(-0.1), "pctStart must be in [0, 1], got -0.1"),
                new Invalid("OneCycle NaN pctStart", () -> o.withPctStart(NAN), "pctStart must be in [0, 1], got NaN"),
                new Invalid("OneCycle pctStart 0", () -> o.withPctStart(0.0), "pctStart * totalSteps must be > 1, got 0.0"),
                new Invalid("OneCycle pctStart * totalSteps = 1", () -> oneCycle(2, 0.5), "pctStart * totalSteps must be > 1, got 1.0"),
                new Invalid("OneCycle pctStart * totalSteps < 1", () -> new OneCycle(0.1, 3), "pctStart * totalSteps must be > 1, got 0.8999999999999999"),
                new Invalid("OneCycle totalSteps 1", () -> oneCycle(1, 1.0), "pctStart * totalSteps must be > 1, got 1.0"),
                new Invalid("OneCycle null anneal", () -> o.withAnneal(null), "anneal must not be null"),
                new Invalid("OneCycle divFactor 0", () -> o.withDivFactors(0.0, 1e4), "divFactor must be finite and > 0, got 0.0"),
                new Invalid("OneCycle infinite divFactor", () -> o.withDivFactors(INF, 1e4), "divFactor must be finite and > 0, got Infinity"),
                new Invalid("OneCycle negative finalDivFactor", () -> o.withDivFactors(25.0, -1.0), "finalDivFactor must be finite and > 0, got -1.0"),
                new Invalid("OneCycle NaN finalDivFactor", () -> o.withDivFactors(25.0, NAN), "finalDivFactor must be finite and > 0, got NaN"),
                new Invalid("OneCycle NaN baseMomentum", () -> o.withMomentum(NAN, 0.95), "baseMomentum must be finite, got NaN"),
                new Invalid("OneCycle infinite maxMomentum", () -> o.withMomentum(0.85, -INF), "maxMomentum must be finite, got -Infinity"),
                new Invalid("OneCycle epochs 0", () -> OneCycle.forEpochs(0.1, 0, 10), "epochs must be >= 1, got 0"),
                new Invalid("OneCycle stepsPerEpoch 0", () -> OneCycle.forEpochs(0.1, 10, 0), "stepsPerEpoch must be >= 1, got 0"),
                new Invalid("OneCycle.Momentum null", () -> new OneCycle.Momentum(null), "cycle must not be null"),

                new Invalid("Sequential null schedules", () -> new Sequential(null, List.of()), "schedules must not be null"),
                new Invalid("Sequential null milestones", () -> new Sequential(List.of(ANY), null), "milestones must not be null"),
                new Invalid("Sequential null schedule", () -> new Sequential(Arrays.asList(ANY, null), List.of(5L)), "schedule must not be null"),
                new Invalid("Sequential null milestone", () -> new Sequential(List.of(ANY, ANY), Arrays.asList((Long) null)), "milestone must not be null"),
                new Invalid("Sequential no schedules", () -> new Sequential(List.of(), List.of()), "schedules must not be empty"),
                new Invalid("Sequential too few milestones", () -> new Sequential(List.of(ANY, ANY), List.of()),
                        "milestones must have schedules.size() - 1 = 1 entries, got 0"),
                new Invalid("Sequential too many milestones", () -> new Sequential(List.of(ANY, ANY), List.of(5L, 9L)),
                        "milestones must have schedules.size() - 1 = 1 entries, got 2"),
                new Invalid("Sequential milestone 0", () -> Sequential.of(ANY, 0, ANY), "milestone must be >= 1, got 0"),
                new Invalid("Sequential repeated milestone", () -> new Sequential(List.of(ANY, ANY, ANY), List.of(5L, 5L)),
                        "milestones must be strictly increasing, got [5, 5]"),
                new Invalid("Sequential decreasing milestones", () -> new Sequential(List.of(ANY, ANY, ANY), List.of(9L, 5L)),
                        "milestones must be strictly increasing, got [9, 5]"));
    }

    private static OneCycle oneCycle(long totalSteps, double pctStart) {
        return new OneCycle(0.1, totalSteps, pctStart, OneCycle.Anneal.COS, false, 25.0, 1e4, 0.85, 0.95);
    }

    @TestFactory
    Stream<DynamicTest> invalidHyperparametersAreRejected() {
        return invalid().stream().map(inv -> DynamicTest.dynamicTest(inv.what(), () -> {
            var ex = assertThrows(IllegalArgumentException.class, inv.build()::get, inv.what());
            assertEquals(inv.message(), ex.getMessage(), inv.what());
        }));
    }
}
