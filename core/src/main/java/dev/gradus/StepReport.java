package dev.gradus;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one {@link Optimizer#step()} did.
 *
 * @param step          the step's number (1-based); for a skipped step, the number it would have had
 * @param applied       whether the parameters were updated
 * @param learningRates the learning rate of each group, by group name
 * @param gradientNorm  the total gradient norm, when norm clipping computed it
 * @param skipReason    why the step was skipped, when it was
 */
public record StepReport(long step, boolean applied, Map<String, Double> learningRates,
                         OptionalDouble gradientNorm, Optional<String> skipReason) {
    public StepReport {
        learningRates = Map.copyOf(learningRates);
    }
}
