package dev.gradus.bench.race;

import dev.gradus.Optimizer;
import dev.gradus.Schedule;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;

import java.util.List;

/**
 * Something that updates a model's parameters from their gradients, one step at a time. The race
 * builds one per run through a {@link Factory}; the usual factory is an {@link Optimizer} over a
 * {@link Rule}. A wrapper that is not a plain rule (e.g. Lookahead over an inner optimizer) plugs
 * in as another factory.
 */
public interface Stepper extends AutoCloseable {

    void step();

    @Override
    void close();

    /** Opens a stepper over the given parameters with the given kernels. */
    @FunctionalInterface
    interface Factory {
        Stepper open(List<Parameter> parameters, UpdateKernels kernels);
    }

    /** An {@link Optimizer} of {@code rule} at learning rate {@code lr}, every parameter registered as float[] with its shape. */
    static Factory optimizer(Rule rule, Schedule lr) {
        return (parameters, kernels) -> {
            Optimizer opt = Optimizer.builder(rule).learningRate(lr).kernels(kernels).build();
            for (Parameter p : parameters) {
                opt.register(p.name(), p.value(), p.grad(), p.shape());
            }
            return new Stepper() {
                @Override
                public void step() {
                    opt.step();
                }

                @Override
                public void close() {
                    opt.close();
                }
            };
        };
    }
}
