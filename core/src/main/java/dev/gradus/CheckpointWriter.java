package dev.gradus;

import dev.gradus.rules.Rule;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

import static dev.gradus.CheckpointFormat.*;

/**
 * Writes an optimizer's state in the checkpoint format ({@code checkpoint-format.md}). The caller
 * holds the optimizer (no step runs meanwhile) and has checked that every buffer is readable.
 */
final class CheckpointWriter {

    private CheckpointWriter() {
    }

    /** Writes the checkpoint of {@code opt} to {@code out}, flushes it and leaves it open. */
    static void write(Optimizer opt, OutputStream out) throws IOException {
        byte[] metadata = metadata(opt);
        long dataStart = padded(HEADER_BYTES + 4L + metadata.length);
        long dataBytes = 0;
        for (ParamGroup.Param p : opt.paramsInOrder()) {
            dataBytes += (1L + p.buffers().slots().size()) * arrayBytes(p.length());
        }
        long contentLength = dataStart - HEADER_BYTES + dataBytes;

        Sink sink = new Sink(out);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + 4).order(ORDER);
        header.putLong(MAGIC).putInt(VERSION).putInt(0).putLong(contentLength).putInt(metadata.length);
        sink.bytes(header.array(), header.capacity());
        sink.bytes(metadata, metadata.length);
        sink.zeros(dataStart - (HEADER_BYTES + 4L + metadata.length));
        for (ParamGroup.Param p : opt.paramsInOrder()) {
            sink.floats(p.value(), p.length());
            for (MemorySegment slot : p.buffers().slots()) {
                sink.floats(slot, p.length());
            }
        }
        sink.finish();
        if (sink.written != HEADER_BYTES + contentLength + TRAILER_BYTES) {
            throw new IllegalStateException("checkpoint writer wrote " + sink.written + " bytes, expected "
                    + (HEADER_BYTES + contentLength + TRAILER_BYTES));
        }
    }

    private static byte[] metadata(Optimizer opt) {
        MetadataWriter m = new MetadataWriter();
        m.putLong(opt.stepCount());
        m.putValue(ConfigValue.describe(opt.nonFinitePolicy()));
        m.putValue(ConfigValue.describe(opt.clip().orElse(null)));
        m.putValue(ConfigValue.describe(opt.gradientNoise().orElse(null)));
        m.putInt(opt.groupMap().size());
        for (ParamGroup g : opt.groupMap().values()) {
            Rule rule = g.rule();
            m.putString(g.name());
            m.putValue(ConfigValue.describe(rule));
            m.putValue(ConfigValue.describe(g.learningRateSchedule()));
            List<ParamGroup.HyperSchedule<?>> hs = g.hyperSchedules();
            m.putInt(hs.size());
            for (ParamGroup.HyperSchedule<?> h : hs) {
                m.putValue(ConfigValue.describe(h.schedule()));
            }
            m.putStrings(rule.slotNames());
            m.putStrings(rule.scalarNames());
            putScalars(m, g.scalars, rule.scalarNames(), "group '" + g.name() + "'");
            m.putStrings(rule.parameterScalarNames());
        }
        List<ParamGroup.Param> params = opt.paramsInOrder();
        m.putInt(params.size());
        for (ParamGroup.Param p : params) {
            ParamGroup g = opt.groupOf(p.name());
            m.putString(p.name());
            m.putString(g.name());
            m.putLong(p.length());
            m.putInt(p.shape().size());
            for (int d : p.shape()) {
                m.putInt(d);
            }
            putScalars(m, p.buffers().scalars(), g.rule().parameterScalarNames(), "parameter '" + p.name() + "'");
        }
        return m.bytes();
    }

    private static void putScalars(MetadataWriter m, double[] values, List<String> names, String owner) {
        if (values.length != names.size()) {
            throw new IllegalStateException("the scalar state of " + owner + " has " + values.length + " values for the rule's "
                    + names.size() + " names " + names);
        }
        for (double v : values) {
            m.putDouble(v);
        }
    }

    /** Buffered output that keeps the CRC32C of everything written and pads float arrays. */
    private static final class Sink {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private final MemorySegment bufSegment = MemorySegment.ofArray(buf);
        private final CRC32C crc = new CRC32C();
        private int n;
        long written;

        Sink(OutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b, int len) throws IOException {
            for (int off = 0; off < len; ) {
                int k = Math.min(len - off, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                if (n == buf.length) {
                    drain();
                }
            }
        }

        void zeros(long count) throws IOException {
            bytes(new byte[(int) count], (int) count);
        }

        /** {@code count} floats of {@code src} in the file's byte order, then zeros up to the alignment. */
        void floats(MemorySegment src, long count) throws IOException {
            for (long i = 0; i < count; ) {
                if (buf.length - n < Float.BYTES) {
                    drain();
                }
                long k = Math.min(count - i, (buf.length - n) / Float.BYTES);
                MemorySegment.copy(src, MEMORY_FLOAT, i * Float.BYTES, bufSegment, FILE_FLOAT, n, k);
                n += (int) (k * Float.BYTES);
                i += k;
            }
            zeros(arrayBytes(count) - count * Float.BYTES);
        }

        private void drain() throws IOException {
            crc.update(buf, 0, n);
            out.write(buf, 0, n);
            written += n;
            n = 0;
        }

        /** Drains the buffer, appends the CRC32C of everything before it, and flushes. */
        void finish() throws IOException {
            drain();
            byte[] trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ORDER).putInt((int) crc.getValue()).array();
            out.write(trailer);
            written += trailer.length;
            out.flush();
        }
    }
}
