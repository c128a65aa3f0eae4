package dev.gradus.bench.race;

import java.util.List;

/**
 * Everything that fixes a race, so that the same settings give the same numbers.
 *
 * @param rules               the {@code BenchRules} names raced against each other
 * @param epochs              passes over the training set per run
 * @param batchSize           rows per mini-batch
 * @param seed                seed of the main runs (initial weights and batch order); claim (a)
 *                            uses {@code seed .. seed + seeds − 1}
 * @param trainRows           train on the first this many rows of the training split (0: all of
 *                            them); the test set is cut to a third of it (tests use a small subset)
 * @param seeds               seeds per configuration in claims (a) and (c)
 * @param warmupRates         learning rates of claim (a)
 * @param warmupSteps         length of the linear warm-up in claim (a)
 * @param earlySteps          the early-training window of claim (a)
 * @param checkpointEvery     claim (a) records the training loss every this many steps
 * @param sweepRates          learning rates of claim (b)
 */
public record RaceSettings(List<String> rules, int epochs, int batchSize, long seed, int trainRows, int seeds,
                           List<Double> warmupRates, int warmupSteps, int earlySteps, int checkpointEvery,
                           List<Double> sweepRates) {
    public RaceSettings {
        rules = List.copyOf(rules);
        warmupRates = List.copyOf(warmupRates);
        sweepRates = List.copyOf(sweepRates);
        if (epochs < 1 || batchSize < 1 || seeds < 1 || warmupSteps < 1 || earlySteps < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("epochs, batchSize, seeds, warmupSteps, earlySteps and checkpointEvery must be >= 1");
        }
    }

    /** The report's race: every row of the split, batches of 32, seed 1, 5 seeds for the claims. */
    public static RaceSettings standard(List<String> rules, int epochs) {
        return new RaceSettings(rules, epochs, 32, 1, 0, 5, List.of(1e-3, 1e-2), 100, 150, 5,
                List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2));
    }

    public RaceSettings withTrainRows(int rows) {
        return new RaceSettings(rules, epochs, batchSize, seed, rows, seeds, warmupRates, warmupSteps, earlySteps,
                checkpointEvery, sweepRates);
    }

    public RaceSettings withSeeds(int seeds) {
        return new RaceSettings(rules, epochs, batchSize, seed, trainRows, seeds, warmupRates, warmupSteps, earlySteps,
                checkpointEvery, sweepRates);
    }

    public RaceSettings withEarly(int warmupSteps, int earlySteps, int checkpointEvery) {
        return new RaceSettings(rules, epochs, batchSize, seed, trainRows, seeds, warmupRates, warmupSteps, earlySteps,
                checkpointEvery, sweepRates);
    }

    public RaceSettings withRates(List<Double> warmupRates, List<Double> sweepRates) {
        return new RaceSettings(rules, epochs, batchSize, seed, trainRows, seeds, warmupRates, warmupSteps, earlySteps,
                checkpointEvery, sweepRates);
    }

    /** The plan of a full-length run. */
    public Trainer.Plan fullPlan() {
        return new Trainer.Plan(batchSize, epochs, 0, 0);
    }
}
