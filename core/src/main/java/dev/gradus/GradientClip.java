package dev.gradus;

import dev.gradus.rules.Check;

/**
 * Clipping applied to every gradient before the rule runs (spec C1, C2). Clipping writes the
 * clipped values into the gradient buffers, as torch's {@code clip_grad_norm_} does, so clipped
 * gradients must be writable.
 */
public sealed interface GradientClip {

    /**
     * Clip by the global L2 norm over all parameters: {@code N = ‖(‖g_1‖, …, ‖g_k‖)‖₂},
     * accumulated in double in a fixed order (independent of vector width and threads) and rounded
     * to float once; {@code c = min((1/(N + 1e-6))·maxNorm, 1)} in float, as torch computes it;
     * {@code g ← g·c}.
     */
    static GradientClip norm(double maxNorm) {
        return new Norm(maxNorm, false);
    }

    /** As {@link #norm}, with the infinity norm {@code N = max |g|}. */
    static GradientClip infinityNorm(double maxNorm) {
        return new Norm(maxNorm, true);
    }

    /** Clip every element to {@code [−clipValue, clipValue]}; NaN stays NaN. */
    static GradientClip value(double clipValue) {
        return new Value(clipValue);
    }

    /**
     * @param maxNorm  finite and {@code > 0}
     * @param infinity use the infinity norm instead of L2
     */
    record Norm(double maxNorm, boolean infinity) implements GradientClip {
        public Norm {
            Check.positive("maxNorm", maxNorm);
        }
    }

    /** @param clipValue finite and {@code > 0} */
    record Value(double clipValue) implements GradientClip {
        public Value {
            Check.positive("clipValue", clipValue);
        }
    }
}
