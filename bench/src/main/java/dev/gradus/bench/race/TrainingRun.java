package dev.gradus.bench.race;

import java.util.List;

/**
 * What one training run produced.
 *
 * @param label          the contender's label
 * @param rule           the contender's rule name
 * @param learningRate   its base learning rate
 * @param model          which model
 * @param seed           seed of the initial weights and the mini-batch order
 * @param epochLoss      mean cross-entropy over the whole training set before training and after each epoch
 * @param checkpointStep steps at which {@code checkpointLoss} was taken (empty unless asked for)
 * @param checkpointLoss training-set loss at those steps
 * @param trainAccuracy  final accuracy on the training set
 * @param testAccuracy   final accuracy on the test set
 * @param trainNanos     wall time of the training steps (gradients and optimizer steps; evaluations excluded)
 * @param epochNanos     the same per epoch
 * @param steps          optimizer steps taken
 * @param finalWeights   copies of every parameter after the last step, in the model's order
 */
public record TrainingRun(String label, String rule, double learningRate, ModelKind model, long seed,
                          double[] epochLoss, int[] checkpointStep, double[] checkpointLoss,
                          double trainAccuracy, double testAccuracy, long trainNanos, long[] epochNanos, long steps,
                          List<float[]> finalWeights) {

    /** Median wall time of an epoch in ms: insensitive to the JIT's warm-up in the first epochs. */
    public double medianEpochMillis() {
        if (epochNanos.length == 0) {
            return Double.NaN;
        }
        long[] e = epochNanos.clone();
        java.util.Arrays.sort(e);
        int n = e.length;
        return (n % 2 == 1 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2.0) / 1e6;
    }

    public double finalLoss() {
        return epochLoss[epochLoss.length - 1];
    }
}
