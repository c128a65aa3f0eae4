package dev.gradus;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Constants of the checkpoint format, version {@value #VERSION}; the layout is specified in
 * {@code checkpoint-format.md} next to this file. Every number is little-endian.
 */
final class CheckpointFormat {

    private CheckpointFormat() {
    }

    /** The file's first eight bytes, ASCII {@code GRADUSCK}, read as a little-endian long. */
    static final long MAGIC = 0x4B43535544415247L;
    /** Its text, for messages. */
    static final String MAGIC_TEXT = "GRADUSCK";
    /** The format version this code writes and reads. */
    static final int VERSION = 1;
    /** magic (8), version (4), flags (4), content length (8). */
    static final int HEADER_BYTES = 24;
    /** The CRC32C after the content. */
    static final int TRAILER_BYTES = 4;
    /** Float arrays start at file offsets that are multiples of this; zero bytes pad up to it. */
    static final int ALIGNMENT = 8;

    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** A float as stored in the file. */
    static final ValueLayout.OfFloat FILE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ORDER);
    /** A float as held in memory (parameters and slots are native-order float32). */
    static final ValueLayout.OfFloat MEMORY_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    // Tags of the configuration values (rules, schedules, clip, policy).
    static final byte TAG_ABSENT = 0;
    static final byte TAG_DOUBLE = 1;
    static final byte TAG_FLOAT = 2;
    static final byte TAG_INT = 3;
    static final byte TAG_LONG = 4;
    static final byte TAG_BOOLEAN = 5;
    static final byte TAG_STRING = 6;
    static final byte TAG_ENUM = 7;
    static final byte TAG_RECORD = 8;
    static final byte TAG_LIST = 9;
    static final byte TAG_OPAQUE = 10;

    /** {@code bytes} rounded up to a multiple of {@link #ALIGNMENT}. */
    static long padded(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** The bytes one float array of {@code length} elements takes in the data section, padding included. */
    static long arrayBytes(long length) {
        return padded(length * Float.BYTES);
    }
}
