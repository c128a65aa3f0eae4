package dev.gradus.bench.race;

import dev.gradus.bench.BenchRules;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What a {@link Claim} runs with: the data, the settings, the kernels, and a progress log. */
public record ClaimContext(Digits.Split data, RaceSettings settings, UpdateKernels kernels, Consumer<String> log) {

    /** The {@link BenchRules} rule of that name, if this build has it. */
    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(BenchRules.all().get(name));
    }

    /** The names among {@code names} that {@link BenchRules} lacks. */
    public List<String> missing(String... names) {
        return java.util.Arrays.stream(names).filter(n -> rule(n).isEmpty()).toList();
    }

    public TrainingRun train(ModelKind model, Contender contender, long seed, Trainer.Plan plan) {
        TrainingRun run = Trainer.train(data, model, contender, kernels, seed, plan);
        log.accept(String.format(java.util.Locale.ROOT, "  %-34s seed %d: loss %.4f after %d steps", contender.label(), seed,
                run.checkpointLoss().length > 0 ? run.checkpointLoss()[run.checkpointLoss().length - 1] : run.finalLoss(),
                run.steps()));
        return run;
    }

    /** The seeds of multi-seed claims: {@code seed, seed + 1, …}. */
    public long[] seeds() {
        long[] s = new long[settings.seeds()];
        for (int i = 0; i < s.length; i++) {
            s[i] = settings.seed() + i;
        }
        return s;
    }

    /** "not available: BenchRules has no 'radam' in this build". */
    public static String absence(List<String> missing, String why) {
        return "BenchRules has no " + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
                + " in this build (" + why + "); the comparison runs once it is there";
    }
}
