package dev.gradus.rules;

import dev.gradus.kernel.UpdateKernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a rule whose parameters step whole and in order ({@link Rule#wholeParameters()}) but whose
 * element work can still be cut. One parameter's step is {@link #part} over consecutive ranges of
 * {@link #partLength} elements from its first element, which write disjoint elements and may run at once on
 * several threads, and then {@link #finish} with the parts' results in range order, on one thread, before the
 * next parameter's parts begin (SWATS: each part returns the dot products of its range; the finish adds
 * them, rounds once and makes the switch test that later parameters depend on).
 *
 * <p>The cut depends on the parameter's length and state alone, never on the number of threads, so every
 * thread count gives the same bits. {@link #apply} over a whole parameter runs the parts in order on the
 * calling thread and then the finish: the same calls, the same bits.
 *
 * @param <P> what one part returns for the finish
 */
public interface PartedPlan<P> extends StepPlan {

    /**
     * Elements per part of this parameter's coming step, at least 1 (the parameter's length or more: one part).
     * Asked when the parameter's turn comes, after the previous parameter's {@link #finish}.
     */
    long partLength(ParamBuffers buffers);

    /**
     * Steps elements {@code [from, to)} of the parameter: one part as {@link #partLength} cuts it, so
     * {@code from} is a multiple of the part length and {@code to} the next multiple or the parameter's end.
     */
    P part(UpdateKernels kernels, ParamBuffers buffers, long from, long to);

    /** Ends the parameter's step with its parts' results, in range order (none for an empty parameter). */
    void finish(ParamBuffers buffers, List<P> parts);

    /** The whole parameter on the calling thread: every part in order, then the finish. */
    @Override
    default void apply(UpdateKernels kernels, ParamBuffers buffers, long from, long to) {
        long length = buffers.param().byteSize() / Float.BYTES;
        if (from != 0 || to != length) {
            throw new IllegalArgumentException("this plan steps whole parameters only (the rule's wholeParameters()): got the range ["
                    + from + ", " + to + ") of a parameter of " + length + " elements");
        }
        long partLength = checkedPartLength(this, buffers);
        List<P> parts = new ArrayList<>();
        for (long f = 0; f < length; f += partLength) {
            parts.add(part(kernels, buffers, f, partEnd(length, partLength, f)));
        }
        finish(buffers, parts);
    }

    /** The end of the part that starts at {@code from}: the next cut, or the parameter's end. */
    static long partEnd(long length, long partLength, long from) {
        return from + Math.min(partLength, length - from);
    }

    /** {@code plan.partLength(buffers)}, or an {@link IllegalStateException} if it is below 1. */
    static long checkedPartLength(PartedPlan<?> plan, ParamBuffers buffers) {
        long partLength = plan.partLength(buffers);
        if (partLength < 1) {
            throw new IllegalStateException("partLength must be >= 1, got " + partLength + " from " + plan);
        }
        return partLength;
    }

    /**
     * Throws unless {@code [from, to)} is one part of a parameter of {@code length} elements cut every
     * {@code partLength} elements.
     */
    static void checkPart(long length, long partLength, long from, long to) {
        if (from < 0 || from >= length || from % partLength != 0 || to != partEnd(length, partLength, from)) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") is not a part of a parameter of " + length
                    + " elements cut every " + partLength + " elements (expected a multiple of " + partLength
                    + " and the next one or the end)");
        }
    }
}
