package dev.gradus;

import dev.gradus.rules.ParamBuffers;

import java.lang.foreign.MemorySegment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a step is cut into tasks, fixed by the registered parameters alone (never by the thread
 * count), so every thread count runs the same kernel calls over the same ranges and gives the same
 * bits. Rebuilt when a parameter is registered.
 */
final class StepWork {

    /**
     * Elements per update task: 64 KiB of each stream, a multiple of every vector length (so a cut
     * never moves an element between a vector loop and its scalar tail) and of a 64-byte cache line.
     */
    static final long CHUNK = 1 << 14;

    /** Never started: stands for any thread but the caller in {@link #sharedWithOtherThreads}. */
    private static final Thread OTHER = new Thread(() -> { });

    /** Elements {@code [from, to)} of one parameter, updated with the plan of group {@code group}. */
    record Piece(int group, ParamBuffers buffers, long from, long to) {
    }

    /** Elements {@code [from, to)} of one parameter's gradient. */
    record GradChunk(ParamGroup.Param param, long from, long to) {
        MemorySegment grad() {
            return param.grad();
        }
    }

    /** Update tasks: each runs its pieces in order on one thread. */
    final Piece[][] updates;
    /**
     * Parameters of the groups whose rule steps whole parameters ({@link dev.gradus.rules.Rule#wholeParameters()}),
     * each over {@code [0, length)}, groups in order, each group's in registration order: stepped one after
     * another, after {@link #updates}.
     */
    final Piece[] wholes;
    /** Gradient chunks of {@link Optimizer#NORM_CHUNK} elements: groups, parameters, chunks, in order. */
    final GradChunk[] gradChunks;
    /** Per gradient chunk, its norm clip's partial result: reused every step, so a clip allocates nothing per chunk. */
    final double[] chunkSums;
    /** Per gradient chunk, its ∞-norm clip's partial maximum (reused likewise). */
    final float[] chunkMax;
    /** Parameters, groups in order, each group's in registration order ({@link #groupParams} one after another). */
    final ParamGroup.Param[] params;
    /** Per group (in order), its parameters in registration order. */
    final ParamGroup.Param[][] groupParams;
    /** Elements over all parameters. */
    final long elements;
    /** Whether every parameter and gradient can be touched by a thread other than the caller. */
    final boolean shareable;

    private StepWork(Piece[][] updates, Piece[] wholes, GradChunk[] gradChunks, ParamGroup.Param[][] groupParams,
                     long elements, boolean shareable) {
        this.updates = updates;
        this.wholes = wholes;
        this.gradChunks = gradChunks;
        this.chunkSums = new double[gradChunks.length];
        this.chunkMax = new float[gradChunks.length];
        this.params = Arrays.stream(groupParams).flatMap(Arrays::stream).toArray(ParamGroup.Param[]::new);
        this.groupParams = groupParams;
        this.elements = elements;
        this.shareable = shareable;
    }

    /** Whether threads other than the caller can touch {@code s}: false for a confined arena's memory. */
    static boolean sharedWithOtherThreads(MemorySegment s) {
        return s.isAccessibleBy(OTHER);
    }

    static StepWork of(List<ParamGroup> groups) {
        List<Piece[]> updates = new ArrayList<>();
        List<Piece> wholes = new ArrayList<>();
        List<GradChunk> chunks = new ArrayList<>();
        ParamGroup.Param[][] groupParams = new ParamGroup.Param[groups.size()][];
        long elements = 0;
        boolean shareable = true;
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup g = groups.get(gi);
            groupParams[gi] = g.params.values().toArray(ParamGroup.Param[]::new);
            List<Piece> pending = new ArrayList<>();
            long pendingElements = 0;
            boolean whole = g.rule().wholeParameters();
            // A block steps as one buffer unless its parameters keep scalar state of their own.
            boolean blocks = !whole && g.rule().parameterScalarNames().isEmpty();
            int blockLeft = 0;
            for (ParamGroup.Param p : groupParams[gi]) {
                elements += p.length();
                shareable &= sharedWithOtherThreads(p.value()) && sharedWithOtherThreads(p.grad());
                for (long from = 0; from < p.length(); from += Optimizer.NORM_CHUNK) {
                    chunks.add(new GradChunk(p, from, Math.min(p.length(), from + Optimizer.NORM_CHUNK)));
                }
                if (whole) {
                    wholes.add(new Piece(gi, p.buffers(), 0, p.length()));
                    continue;
                }
                if (blockLeft > 0) {
                    blockLeft--;                                // stepped with its block
                    continue;
                }
                ParamGroup.Block block = blocks ? g.blocks.get(p.name()) : null;
                if (block != null) {
                    blockLeft = block.count() - 1;
                }
                ParamBuffers buffers = block == null ? p.buffers() : block.buffers();
                long length = buffers.param().byteSize() / Float.BYTES;
                // Small parameters share a task; a large one (or a block) is cut into CHUNK-sized tasks.
                for (long from = 0; from < length; from += CHUNK) {
                    long to = Math.min(length, from + CHUNK);
                    pending.add(new Piece(gi, buffers, from, to));
                    pendingElements += to - from;
                    if (pendingElements >= CHUNK) {
                        updates.add(pending.toArray(Piece[]::new));
                        pending.clear();
                        pendingElements = 0;
                    }
                }
            }
            if (!pending.isEmpty()) {
                updates.add(pending.toArray(Piece[]::new));
            }
        }
        return new StepWork(updates.toArray(Piece[][]::new), wholes.toArray(Piece[]::new), chunks.toArray(GradChunk[]::new),
                groupParams, elements, shareable);
    }
}
