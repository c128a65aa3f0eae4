package dev.gradus;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static dev.gradus.CheckpointFormat.*;

/**
 * A checkpoint read completely into memory and verified: header, length, CRC32C, then the
 * metadata parsed into a {@link CheckpointImage} and checked for internal consistency. Nothing
 * here touches an optimizer; the content lives in native memory of a confined arena that
 * {@link #close()} frees.
 */
final class StagedCheckpoint implements AutoCloseable {

    /** Bytes per staged chunk: a multiple of the alignment, so no float straddles two chunks. */
    static final int CHUNK = 1 << 20;

    private final Arena arena = Arena.ofConfined();
    private final List<MemorySegment> chunks = new ArrayList<>();
    private long contentLength;
    private CheckpointImage image;

    private StagedCheckpoint() {
    }

    /**
     * Reads one checkpoint from {@code in}, exactly its bytes and no more.
     *
     * @param size the total bytes available (a file's size), or −1 for a stream of unknown length
     * @throws IllegalArgumentException if it is not a valid checkpoint, with the reason
     */
    static StagedCheckpoint read(ReadableByteChannel in, long size) throws IOException {
        StagedCheckpoint s = new StagedCheckpoint();
        try {
            s.stage(in, size);
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    CheckpointImage image() {
        return image;
    }

    /** Copies {@code count} floats stored at content offset {@code offset} into {@code dst} (native order). */
    void copyFloats(long offset, MemorySegment dst, long count) {
        long done = 0;
        while (done < count) {
            long at = offset + done * Float.BYTES;
            MemorySegment chunk = chunks.get((int) (at / CHUNK));
            long inChunk = at % CHUNK;
            long k = Math.min(count - done, (chunk.byteSize() - inChunk) / Float.BYTES);
            MemorySegment.copy(chunk, FILE_FLOAT, inChunk, dst, MEMORY_FLOAT, done * Float.BYTES, k);
            done += k;
        }
    }

    @Override
    public void close() {
        arena.close();
    }

    // ---------------------------------------------------------------- reading and verifying

    private static IllegalArgumentException truncated(String detail) {
        return new IllegalArgumentException("checkpoint is truncated: " + detail);
    }

    private void stage(ReadableByteChannel in, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ORDER);
        int got = readFully(in, header);
        byte[] h = header.array();
        if (got == 0) {
            throw truncated("it is empty; a checkpoint starts with the " + HEADER_BYTES + "-byte header");
        }
        byte[] magic = ByteBuffer.allocate(8).order(ORDER).putLong(MAGIC).array();
        for (int i = 0; i < Math.min(got, 8); i++) {
            if (h[i] != magic[i]) {
                throw new IllegalArgumentException("not a Gradus checkpoint: it starts with bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(h, 0, Math.min(got, 8)) + ", expected the magic number "
                        + HexFormat.ofDelimiter(" ").formatHex(magic) + " (\"" + MAGIC_TEXT + "\")");
            }
        }
        if (got < HEADER_BYTES) {
            throw truncated("it ends after " + got + " bytes, inside the " + HEADER_BYTES + "-byte header");
        }
        int version = header.getInt(8);
        if (version != VERSION) {
            throw new IllegalArgumentException("checkpoint format version " + Integer.toUnsignedString(version)
                    + " is not supported; this Gradus reads version " + VERSION);
        }
        int flags = header.getInt(12);
        contentLength = header.getLong(16);
        if (contentLength < 4 || contentLength > Long.MAX_VALUE - HEADER_BYTES - TRAILER_BYTES) {
            throw new IllegalArgumentException("malformed checkpoint: the header announces " + Long.toUnsignedString(contentLength)
                    + " content bytes, which cannot hold a checkpoint");
        }
        long total = HEADER_BYTES + contentLength + TRAILER_BYTES;
        if (size >= 0 && size < total) {
            throw truncated("the header announces " + total + " bytes, the file has " + size);
        }
        if (size > total) {
            throw new IllegalArgumentException("checkpoint file has " + (size - total) + " bytes after the end its header announces ("
                    + total + " bytes); a checkpoint file holds exactly one checkpoint");
        }
        CRC32C crc = new CRC32C();
        crc.update(h, 0, HEADER_BYTES);
        long read = 0;
        while (read < contentLength) {
            MemorySegment chunk = arena.allocate(Math.min(CHUNK, contentLength - read), ALIGNMENT);
            ByteBuffer b = chunk.asByteBuffer();
            int n = readFully(in, b);
            read += n;
            if (n < chunk.byteSize()) {
                throw truncated("the header announces " + total + " bytes, the input ended after " + (HEADER_BYTES + read));
            }
            crc.update(chunk.asByteBuffer());
            chunks.add(chunk);
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ORDER);
        int t = readFully(in, trailer);
        if (t < TRAILER_BYTES) {
            throw truncated("the header announces " + total + " bytes, the input ended after " + (HEADER_BYTES + contentLength + t)
                    + ", inside the checksum");
        }
        int stored = trailer.getInt(0), computed = (int) crc.getValue();
        if (stored != computed) {
            throw new IllegalArgumentException("checkpoint checksum mismatch: stored CRC32C " + hex(stored) + ", computed "
                    + hex(computed) + " over its " + (HEADER_BYTES + contentLength) + " bytes; the checkpoint is corrupt");
        }
        if (flags != 0) {
            throw new IllegalArgumentException("malformed checkpoint: header flags " + hex(flags) + ", version " + VERSION + " defines none");
        }
        image = parse();
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    /** Reads until {@code b} is full or the input ends; returns the bytes read. */
    private static int readFully(ReadableByteChannel in, ByteBuffer b) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                break;
            }
        }
        return b.position() - start;
    }

    private byte getByte(long at) {
        return chunks.get((int) (at / CHUNK)).get(ValueLayout.JAVA_BYTE, at % CHUNK);
    }

    private CheckpointImage parse() {
        int metaLength = 0;
        for (int i = 3; i >= 0; i--) {
            metaLength = (metaLength << 8) | (getByte(i) & 0xff);
        }
        if (metaLength < 0 || metaLength > contentLength - 4) {
            throw new IllegalArgumentException("malformed checkpoint: the metadata length " + Integer.toUnsignedString(metaLength)
                    + " exceeds the content (" + contentLength + " bytes)");
        }
        byte[] meta = new byte[metaLength];
        for (int i = 0; i < metaLength; i++) {
            meta[i] = getByte(4L + i);
        }
        MetadataReader r = new MetadataReader(meta, HEADER_BYTES + 4L);
        long steps = r.getLong("step counter");
        if (steps < 0) {
            throw r.malformed("step counter is " + steps);
        }
        ConfigValue nonFinite = r.getValue("non-finite policy");
        ConfigValue clip = r.getValue("gradient clip");
        ConfigValue noise = r.getValue("gradient noise");
        int groupCount = r.getCount("number of groups", 1);
        List<CheckpointImage.Group> groups = new ArrayList<>();
        Map<String, CheckpointImage.Group> byName = new HashMap<>();
        for (int i = 0; i < groupCount; i++) {
            String name = r.getString("group name");
            String what = "group '" + name + "'";
            ConfigValue rule = r.getValue("rule of " + what);
            ConfigValue lr = r.getValue("learning-rate schedule of " + what);
            int hyper = r.getCount("number of hyperparameter schedules of " + what, 1);
            List<ConfigValue> hs = new ArrayList<>();
            for (int j = 0; j < hyper; j++) {
                hs.add(r.getValue("hyperparameter schedule of " + what));
            }
            List<String> slots = r.getStrings("slot names of " + what);
            List<String> scalarNames = r.getStrings("scalar names of " + what);
            double[] scalars = new double[scalarNames.size()];
            for (int j = 0; j < scalars.length; j++) {
                scalars[j] = r.getDouble("scalar " + scalarNames.get(j) + " of " + what);
            }
            List<String> paramScalarNames = r.getStrings("parameter scalar names of " + what);
            var g = new CheckpointImage.Group(name, rule, lr, hs, slots, scalarNames, scalars, paramScalarNames);
            if (byName.put(name, g) != null) {
                throw r.malformed("group '" + name + "' appears twice");
            }
            groups.add(g);
        }
        int paramCount = r.getCount("number of parameters", 1);
        long offset = padded(HEADER_BYTES + 4L + metaLength) - HEADER_BYTES;     // content offset of the data section
        long dataStart = offset;
        List<CheckpointImage.Param> params = new ArrayList<>();
        Map<String, CheckpointImage.Param> paramNames = new HashMap<>();
        for (int i = 0; i < paramCount; i++) {
            String name = r.getString("parameter name");
            String what = "parameter '" + name + "'";
            String groupName = r.getString("group of " + what);
            CheckpointImage.Group g = byName.get(groupName);
            if (g == null) {
                throw r.malformed(what + " names group '" + groupName + "', which the checkpoint does not define");
            }
            long length = r.getLong("length of " + what);
            int rank = r.getCount("rank of " + what, 4);
            List<Integer> shape = new ArrayList<>();
            long product = 1;
            for (int j = 0; j < rank; j++) {
                int d = r.getInt("shape of " + what);
                if (d < 0) {
                    throw r.malformed(what + " has a negative dimension " + d);
                }
                try {
                    product = Math.multiplyExact(product, d);
                } catch (ArithmeticException e) {
                    throw r.malformed(what + " has a shape whose product overflows");
                }
                shape.add(d);
            }
            if (length < 0 || rank == 0 || product != length) {
                throw r.malformed(what + " has length " + length + " and shape " + shape);
            }
            double[] scalars = new double[g.parameterScalarNames().size()];
            for (int j = 0; j < scalars.length; j++) {
                scalars[j] = r.getDouble("scalar " + g.parameterScalarNames().get(j) + " of " + what);
            }
            var p = new CheckpointImage.Param(name, groupName, length, shape, scalars, offset);
            if (paramNames.put(name, p) != null) {
                throw r.malformed(what + " appears twice");
            }
            params.add(p);
            try {
                long arrayBytes = Math.addExact(Math.multiplyExact(length, Float.BYTES), ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                offset = Math.addExact(offset, Math.multiplyExact(1L + g.slotNames().size(), arrayBytes));
            } catch (ArithmeticException e) {
                throw r.malformed(what + " has " + length + " elements, more than a checkpoint can hold");
            }
        }
        if (r.remaining() != 0) {
            throw r.malformed(r.remaining() + " unexpected bytes after the last parameter");
        }
        if (offset != contentLength) {
            throw new IllegalArgumentException("malformed checkpoint: the metadata describes " + (offset - dataStart)
                    + " bytes of float arrays, the data section has " + (contentLength - dataStart));
        }
        return new CheckpointImage(steps, nonFinite, clip, noise, groups, params);
    }
}
