package dev.gradus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.gradus.CheckpointFormat.*;

/** Little-endian encoding of a checkpoint's metadata section into a growing byte array. */
final class MetadataWriter {

    private byte[] bytes = new byte[512];
    private int size;

    private ByteBuffer room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, size, n).order(ORDER);
        size += n;
        return b;
    }

    void putByte(byte v) {
        room(1).put(v);
    }

    void putInt(int v) {
        room(4).putInt(v);
    }

    void putLong(long v) {
        room(8).putLong(v);
    }

    /** A double by its raw bits (NaN payloads and −0 survive). */
    void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /** i32 byte length, then UTF-8. */
    void putString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        room(utf8.length).put(utf8);
    }

    void putStrings(List<String> strings) {
        putInt(strings.size());
        for (String s : strings) {
            putString(s);
        }
    }

    /** A configuration value: a tag byte, then its payload. */
    void putValue(ConfigValue v) {
        switch (v) {
            case ConfigValue.Absent a -> putByte(TAG_ABSENT);
            case ConfigValue.DoubleValue d -> {
                putByte(TAG_DOUBLE);
                putDouble(d.value());
            }
            case ConfigValue.FloatValue f -> {
                putByte(TAG_FLOAT);
                putInt(Float.floatToRawIntBits(f.value()));
            }
            case ConfigValue.IntValue i -> {
                putByte(TAG_INT);
                putInt(i.value());
            }
            case ConfigValue.LongValue l -> {
                putByte(TAG_LONG);
                putLong(l.value());
            }
            case ConfigValue.BooleanValue b -> {
                putByte(TAG_BOOLEAN);
                putByte((byte) (b.value() ? 1 : 0));
            }
            case ConfigValue.StringValue s -> {
                putByte(TAG_STRING);
                putString(s.value());
            }
            case ConfigValue.EnumValue e -> {
                putByte(TAG_ENUM);
                putString(e.type());
                putString(e.name());
            }
            case ConfigValue.RecordValue r -> {
                putByte(TAG_RECORD);
                putString(r.type());
                putInt(r.components().size());
                for (ConfigValue.Component c : r.components()) {
                    putString(c.name());
                    putValue(c.value());
                }
            }
            case ConfigValue.ListValue l -> {
                putByte(TAG_LIST);
                putInt(l.items().size());
                for (ConfigValue item : l.items()) {
                    putValue(item);
                }
            }
            case ConfigValue.Opaque o -> {
                putByte(TAG_OPAQUE);
                putString(o.type());
                putByte((byte) (o.hidden() ? 1 : 0));
            }
        }
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }
}
