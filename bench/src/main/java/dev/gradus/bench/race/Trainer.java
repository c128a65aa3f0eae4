package dev.gradus.bench.race;

import dev.gradus.kernel.UpdateKernels;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of one {@link Network} with one {@link Contender}. Everything that could
 * vary is fixed by the seed: the initial weights and the order of the mini-batches (a fresh
 * permutation of the training rows each epoch, from a generator split off the seed). The last
 * mini-batch of an epoch may be smaller.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * @param batchSize       rows per mini-batch
     * @param epochs          passes over the training set (a run stops earlier at {@code maxSteps})
     * @param maxSteps        stop after this many steps; 0 for no limit
     * @param checkpointEvery record the training loss every this many steps, from step 0; 0 for never
     */
    public record Plan(int batchSize, int epochs, long maxSteps, int checkpointEvery) {
    }

    public static TrainingRun train(Digits.Split data, ModelKind kind, Contender contender, UpdateKernels kernels,
                                    long seed, Plan plan) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom init = root.split();
        SplittableRandom order = root.split();
        Network net = kind.create(init);
        Dataset train = data.train();
        int[] rows = new int[train.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        List<Double> epochLoss = new ArrayList<>();
        List<Integer> cpStep = new ArrayList<>();
        List<Double> cpLoss = new ArrayList<>();
        double initial = net.loss(train);
        epochLoss.add(initial);
        if (plan.checkpointEvery() > 0) {
            cpStep.add(0);
            cpLoss.add(initial);
        }
        long steps = 0;
        long nanos = 0;
        List<Long> epochNanos = new ArrayList<>();
        try (Stepper stepper = contender.factory().open(net.parameters(), kernels)) {
            for (int epoch = 0; epoch < plan.epochs() && !done(plan, steps); epoch++) {
                Digits.shuffle(rows, order);
                long before = nanos;
                for (int from = 0; from < rows.length && !done(plan, steps); from += plan.batchSize()) {
                    long t0 = System.nanoTime();
                    net.lossAndGradient(train, rows, from, Math.min(rows.length, from + plan.batchSize()));
                    stepper.step();
                    nanos += System.nanoTime() - t0;
                    steps++;
                    if (plan.checkpointEvery() > 0 && steps % plan.checkpointEvery() == 0) {
                        cpStep.add((int) steps);
                        cpLoss.add(net.loss(train));
                    }
                }
                epochNanos.add(nanos - before);
                epochLoss.add(net.loss(train));
            }
        }
        List<float[]> weights = net.parameters().stream().map(p -> p.value().clone()).toList();
        return new TrainingRun(contender.label(), contender.rule(), contender.learningRate(), kind, seed,
                epochLoss.stream().mapToDouble(Double::doubleValue).toArray(),
                cpStep.stream().mapToInt(Integer::intValue).toArray(),
                cpLoss.stream().mapToDouble(Double::doubleValue).toArray(),
                net.accuracy(train), net.accuracy(data.test()), nanos,
                epochNanos.stream().mapToLong(Long::longValue).toArray(), steps, weights);
    }

    private static boolean done(Plan plan, long steps) {
        return plan.maxSteps() > 0 && steps >= plan.maxSteps();
    }
}
