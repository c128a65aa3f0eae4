package dev.gradus.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** Test buffers: the memory kinds and values that include the float special cases. */
public final class Buffers {
    private Buffers() {
    }

    /** Where a buffer lives. */
    public enum Kind {
        /** a whole {@code float[]} through {@code MemorySegment.ofArray} */
        ARRAY,
        /** a slice of a larger {@code float[]}, starting at an odd element */
        HEAP_SLICE,
        /** 64-byte-aligned native memory */
        NATIVE,
        /**
         * each buffer one of the other three at random: a kernel call over buffers of different kinds
         * takes the segment loops even for its heap buffers (the kernels take their array loops only
         * when every buffer is a heap {@code float[]})
         */
        MIXED
    }

    /** The kinds a single buffer can be: all but {@link Kind#MIXED}. */
    private static final Kind[] ONE_KIND = {Kind.ARRAY, Kind.HEAP_SLICE, Kind.NATIVE};

    /** A zeroed buffer of {@code n} floats. */
    public static MemorySegment allocate(Kind kind, long n, Arena arena, SplittableRandom r) {
        return switch (kind) {
            case MIXED -> allocate(ONE_KIND[r.nextInt(ONE_KIND.length)], n, arena, r);
            case ARRAY -> MemorySegment.ofArray(new float[Math.toIntExact(n)]);
            case HEAP_SLICE -> {
                int skip = 1 + r.nextInt(7);
                yield MemorySegment.ofArray(new float[Math.toIntExact(n) + skip + 3]).asSlice((long) skip * Float.BYTES, n * Float.BYTES);
            }
            case NATIVE -> arena.allocate(n * Float.BYTES, 64);
        };
    }

    /**
     * A value for a parameter or gradient: mostly normal numbers over many magnitudes, and
     * sometimes 0, −0, subnormals, values near {@code Float.MAX_VALUE}, or NaN.
     */
    public static float value(SplittableRandom r, int specialPercent) {
        if (r.nextInt(100) >= specialPercent) {
            double scale = Math.pow(10, r.nextInt(-4, 3));
            return (float) (r.nextGaussian() * scale);
        }
        return switch (r.nextInt(8)) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> Float.MIN_VALUE * (1 + r.nextInt(1 << 20)) * (r.nextBoolean() ? 1 : -1);
            case 3 -> Float.MIN_NORMAL * (float) r.nextDouble(0.5, 2) * (r.nextBoolean() ? 1 : -1);
            case 4 -> Float.MAX_VALUE * (float) r.nextDouble(0.5, 1) * (r.nextBoolean() ? 1 : -1);
            case 5 -> Float.NaN;
            case 6 -> (float) (r.nextGaussian() * 1e-20);
            default -> (float) (r.nextGaussian() * 1e15);
        };
    }

    public static void fill(MemorySegment s, SplittableRandom r, int specialPercent) {
        long n = s.byteSize() / Float.BYTES;
        for (long i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, value(r, specialPercent));
        }
    }
}
