package dev.gradus.testing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bitwise float comparison: {@code Float.floatToIntBits} (every NaN is one value). */
public final class Bits {
    private Bits() {
    }

    /** Distance in units in the last place between two floats (0 for equal bits, NaN = NaN). */
    public static long ulps(float a, float b) {
        int x = Float.floatToIntBits(a), y = Float.floatToIntBits(b);
        if (x == y) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        long ox = x < 0 ? 0x80000000L - x : x;  // map to a monotone integer line
        long oy = y < 0 ? 0x80000000L - y : y;
        return Math.abs(ox - oy);
    }

    /** Fails with the first difference beyond {@code maxUlps}, naming {@code what}. Returns the largest difference. */
    public static long assertClose(float[] expected, float[] actual, int maxUlps, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        long worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long d = ulps(expected[i], actual[i]);
            if (d > maxUlps) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + "), expected " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), "
                        + (d == Long.MAX_VALUE ? "NaN vs number" : d + " ulp apart") + " (allowed " + maxUlps + ")");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /**
     * Distance between two floats in units in the last place of the largest of |expected|,
     * |actual| and |scale|: 0 for equal bits, at least 1 for different bits (so −0 and +0 differ),
     * {@code Long.MAX_VALUE} for NaN against a number; with an infinity or a non-finite scale, {@link #ulps}.
     */
    public static long ulpsOfScale(float expected, float actual, float scale) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            return 0;
        }
        float m = Math.max(Math.abs(scale), Math.max(Math.abs(expected), Math.abs(actual)));
        if (Float.isNaN(expected) || Float.isNaN(actual) || !Float.isFinite(m)) {
            return ulps(expected, actual);
        }
        double d = Math.abs((double) expected - (double) actual);
        return Math.max(1, (long) Math.ceil(d / Math.ulp(m)));
    }

    /** As {@link #assertClose}, the distance measured by {@link #ulpsOfScale} with {@code scale[i]}. */
    public static long assertCloseOfScale(float[] expected, float[] actual, float[] scale, int maxUlps, String what) {
        if (expected.length != actual.length || scale.length != expected.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length + ", scale " + scale.length);
        }
        long worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long d = ulpsOfScale(expected[i], actual[i], scale[i]);
            if (d > maxUlps) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + "), expected " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), before the step " + scale[i] + ", "
                        + (d == Long.MAX_VALUE ? "NaN vs number" : d + " ulp of max(|before|, |expected|, |actual|) apart")
                        + " (allowed " + maxUlps + ")");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Each element's {@code Float.floatToIntBits} (every NaN folded to one value), for array assertions. */
    public static int[] of(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToIntBits(a[i]);
        }
        return b;
    }

    /** Each element's raw bits ({@code Float.floatToRawIntBits}: NaN payloads kept), for "nothing changed" checks. */
    public static int[] raw(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    public static float[] floats(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_FLOAT);
    }
}
