package dev.gradus.schedule;

/** Evaluates a {@link Chainable}'s recursion through the {@link Memo}. */
final class Recursion {
    private Recursion() {
    }

    /**
     * The recursion of {@code c} from {@code start} at epoch 0 to epoch {@code e}, remembered under
     * {@code key}. Epochs after the last change before {@code e} leave the value unchanged, so the
     * recursion stops there.
     */
    static double valueAt(Chainable c, Object key, double start, long e) {
        return Memo.iterate(key, lastChange(c, e), start, c::next);
    }

    /** An epoch {@code <= e} after which {@code c.next} leaves the value unchanged up to {@code e}. */
    static long lastChange(Chainable c, long e) {
        return switch (c) {
            case ConstantWarmup w -> e >= w.totalIters() ? w.totalIters() : 0;
            case LinearWarmup w -> Math.min(e, w.totalIters());
            case StepDecay s -> e - e % s.stepSize();
            case MultiStepDecay m -> m.lastMilestoneAtOrBefore(e);
            case ExponentialDecay x -> e;
            case CosineAnnealing a -> e;
        };
    }
}
