package dev.gradus.bench;

import dev.gradus.Optimizer;
import dev.gradus.reference.ScalarUpdateKernels;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Ranger;
import dev.gradus.rules.Rule;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A diagnostic, not a benchmark: what a scalar step over 1000 {@code float[]} parameters of 32 × 32
 * allocates in a JVM that has first stepped Adam and Ranger over a native and a memory-mapped parameter
 * (20,000 steps each). The scalar kernels read heap segments as arrays and ask each for
 * {@code MemorySegment.heapBase()}, whose {@code Optional} only C2's inlining removes; whether it does
 * depends on what C2 has seen and when it compiles, so run it in several fresh JVMs:
 * <pre>for i in 1 2 3 4 5 6 7 8; do java -cp bench/target/benchmarks.jar dev.gradus.bench.SegmentKindsAllocationCheck; done</pre>
 * Prints the bytes per step of eight rounds of 300 steps; about 0.7 KB is the step's own bookkeeping,
 * and 64 KB or more means an {@code Optional} per kernel call. The README's performance section has
 * the figures.
 */
public final class SegmentKindsAllocationCheck {

    private static final int PARAMETERS = 1000;
    private static final int LENGTH = 1024;

    private SegmentKindsAllocationCheck() {
    }

    public static void main(String[] args) throws IOException {
        for (Rule rule : new Rule[] {Adam.adam(), new Ranger()}) {
            stepNativeAndMapped(rule);
        }
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(1e-3).kernels(ScalarUpdateKernels.INSTANCE)
                .singleThreaded().build()) {
            for (int i = 0; i < PARAMETERS; i++) {
                opt.register("w" + i, new float[LENGTH], new float[LENGTH], 32, LENGTH / 32);
            }
            StringBuilder line = new StringBuilder("scalar Adam over " + PARAMETERS + " float[] parameters, bytes per step:");
            for (int r = 0; r < 8; r++) {
                long before = allocated();
                for (int s = 0; s < 300; s++) {
                    opt.step();
                }
                line.append(' ').append((allocated() - before) / 300);
            }
            System.out.println(line);
        }
    }

    /** Steps {@code rule} with the scalar kernels over a native parameter and a memory-mapped one. */
    private static void stepNativeAndMapped(Rule rule) throws IOException {
        long bytes = (long) LENGTH * Float.BYTES;
        Path file = Files.createTempFile("gradus-mapped", ".bin");
        try (Arena arena = Arena.ofConfined();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Optimizer opt = Optimizer.builder(rule).learningRate(1e-3).kernels(ScalarUpdateKernels.INSTANCE)
                     .singleThreaded().build()) {
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, 2 * bytes, arena);
            opt.register("native", arena.allocate(bytes, 64), arena.allocate(bytes, 64), 32, LENGTH / 32);
            opt.register("mapped", mapped.asSlice(0, bytes), mapped.asSlice(bytes, bytes), 32, LENGTH / 32);
            for (int s = 0; s < 20_000; s++) {
                opt.step();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
