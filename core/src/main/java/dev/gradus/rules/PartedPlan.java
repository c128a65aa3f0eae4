package dev.gradus.rules;

import dev.gradus.kernel.UpdateKernels;


/**
 * The plan of a rule whose parameters step whole and in order ({@link Rule#wholeParameters()}) but whose
 * element work can still be cut. One parameter's step is {@link #part} over consecutive ranges of
 * {@link #partLength} elements from its first element, which write disjoint elements and may run at once on
 * several threads, and then {@link #finish} on one thread, before the next parameter's parts begin (SWATS:
 * each part keeps the dot products of its range; the finish adds them in range order, rounds once and makes
 * the switch test that later parameters depend on).
 *
 * <p>What a part hands to the finish the plan keeps itself, under the part's index {@code from / partLength}
 * (SWATS: two doubles per part in an array it takes, large enough, when {@link #partLength} is asked): parts return nothing,
 * so the plan allocates nothing per parameter or per part (nor does the optimizer's pool, which reuses its job
 * objects and the optimizer's one task object). Each part writes only its own index; the finish runs
 * after every part has returned, and the optimizer's pool makes their writes visible to it.
 *
 * <p>The cut depends on the parameter's length and state alone, never on the number of threads, so every
 * thread count gives the same bits. {@link #apply} over a whole parameter asks the part length, runs the parts
 * in order on the calling thread and then the finish: the same calls as the optimizer's, the same bits.
 */
public interface PartedPlan extends StepPlan {

    /**
     * Elements per part of this parameter's coming step, at least 1 (the parameter's length or more: one part).
     * Asked once when the parameter's turn comes, after the previous parameter's {@link #finish} and before any
     * of its parts, on the thread that will run the finish: the plan may size what its parts write here.
     */
    long partLength(ParamBuffers buffers);

    /**
     * Steps elements {@code [from, to)} of the parameter: one part as {@link #partLength} cuts it, so
     * {@code from} is a multiple of the part length and {@code to} the next multiple or the parameter's end.
     * What the finish needs from it, the plan keeps under the index {@code from / partLength}.
     */
    void part(UpdateKernels kernels, ParamBuffers buffers, long from, long to);

    /** Ends the parameter's step after its {@code parts} parts (0 for an empty parameter) have all run. */
    void finish(ParamBuffers buffers, int parts);

    /** The whole parameter on the calling thread: every part in order, then the finish. */
    @Override
    default void apply(UpdateKernels kernels, ParamBuffers buffers, long from, long to) {
        long length = buffers.param().byteSize() / Float.BYTES;
        if (from != 0 || to != length) {
            throw new IllegalArgumentException("this plan steps whole parameters only (the rule's wholeParameters()): got the range ["
                    + from + ", " + to + ") of a parameter of " + length + " elements");
        }
        long partLength = checkedPartLength(this, buffers);
        int parts = partCount(length, partLength);
        for (int i = 0; i < parts; i++) {
            long f = i * partLength;
            part(kernels, buffers, f, partEnd(length, partLength, f));
        }
        finish(buffers, parts);
    }

    /** The end of the part that starts at {@code from}: the next cut, or the parameter's end. */
    static long partEnd(long length, long partLength, long from) {
        return from + Math.min(partLength, length - from);
    }

    /** How many parts a parameter of {@code length} elements has when cut every {@code partLength} (0 when empty). */
    static int partCount(long length, long partLength) {
        return length == 0 ? 0 : Math.toIntExact(1 + (length - 1) / partLength);
    }

    /** {@code plan.partLength(buffers)}, or an {@link IllegalStateException} if it is below 1. */
    static long checkedPartLength(PartedPlan plan, ParamBuffers buffers) {
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
