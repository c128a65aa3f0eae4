package dev.gradus.bench;

/**
 * Memory traffic of one step per float32 element, as spec §M counts it: one fused pass reads θ, g
 * and each state buffer once and writes θ and each state buffer once.
 *
 * @param readBytes  bytes read per element (fractional for Lookahead: its sync touches φ every k steps)
 * @param writeBytes bytes written per element
 * @param buffers    the state buffers that make up the traffic beyond θ and g (for the reader)
 */
public record Traffic(double readBytes, double writeBytes, String buffers) {
    public Traffic {
        if (!(readBytes > 0) || !(writeBytes > 0)) {
            throw new IllegalArgumentException("read and write bytes must be > 0, got " + readBytes + " and " + writeBytes);
        }
    }

    /** Bytes read and written per element. */
    public double totalBytes() {
        return readBytes + writeBytes;
    }

    /** Share of the traffic that is written, in (0, 1). */
    public double writeFraction() {
        return writeBytes / totalBytes();
    }

    /** The traffic of a fused pass over θ, g and {@code slots} state buffers: (8 + 4s) read, (4 + 4s) written. */
    public static Traffic ofSlots(int slots) {
        return new Traffic(8 + 4 * slots, 4 + 4 * slots, slots + " state buffer(s)");
    }

    /** "16 R + 12 W = 28 B". */
    public String describe() {
        return bytes(readBytes) + " R + " + bytes(writeBytes) + " W = " + bytes(totalBytes()) + " B";
    }

    /** A byte count as "28" or "17.6". */
    public static String bytes(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : String.format(java.util.Locale.ROOT, "%.1f", b);
    }
}
