package dev.gradus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.gradus.CheckpointFormat.*;

/**
 * Little-endian decoding of a checkpoint's metadata section. Every read is bounds-checked: a
 * malformed section fails with {@link IllegalArgumentException} naming what was being read and
 * where, never with an index or allocation error.
 */
final class MetadataReader {

    private final ByteBuffer in;
    /** File offset of the section's first byte, for messages. */
    private final long base;

    MetadataReader(byte[] bytes, long base) {
        this.in = ByteBuffer.wrap(bytes).order(ORDER);
        this.base = base;
    }

    IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed checkpoint: " + what + " (metadata at file offset " + (base + in.position()) + ")");
    }

    private void need(int n, String what) {
        if (in.remaining() < n) {
            throw malformed(what + " runs past the end of the metadata");
        }
    }

    byte getByte(String what) {
        need(1, what);
        return in.get();
    }

    int getInt(String what) {
        need(4, what);
        return in.getInt();
    }

    long getLong(String what) {
        need(8, what);
        return in.getLong();
    }

    double getDouble(String what) {
        return Double.longBitsToDouble(getLong(what));
    }

    /** A count of items that take at least {@code minBytes} each: {@code >= 0} and within the remaining bytes. */
    int getCount(String what, int minBytes) {
        int n = getInt(what);
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw malformed(what + " is " + n + ", more than the metadata can hold");
        }
        return n;
    }

    String getString(String what) {
        int n = getCount("length of " + what, 1);
        byte[] utf8 = new byte[n];
        in.get(utf8);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not valid UTF-8");
        }
    }

    List<String> getStrings(String what) {
        int n = getCount("number of " + what, 4);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(getString(what));
        }
        return out;
    }

    boolean getBoolean(String what) {
        byte b = getByte(what);
        if (b != 0 && b != 1) {
            throw malformed(what + " is " + b + ", expected 0 or 1");
        }
        return b == 1;
    }

    ConfigValue getValue(String what) {
        return getValue(what, 0);
    }

    private ConfigValue getValue(String what, int depth) {
        if (depth > ConfigValue.MAX_DEPTH + 1) {
            throw malformed(what + " is nested more than " + ConfigValue.MAX_DEPTH + " levels deep");
        }
        byte tag = getByte(what);
        return switch (tag) {
            case TAG_ABSENT -> new ConfigValue.Absent();
            case TAG_DOUBLE -> new ConfigValue.DoubleValue(getDouble(what));
            case TAG_FLOAT -> new ConfigValue.FloatValue(Float.intBitsToFloat(getInt(what)));
            case TAG_INT -> new ConfigValue.IntValue(getInt(what));
            case TAG_LONG -> new ConfigValue.LongValue(getLong(what));
            case TAG_BOOLEAN -> new ConfigValue.BooleanValue(getBoolean(what));
            case TAG_STRING -> new ConfigValue.StringValue(getString(what));
            case TAG_ENUM -> new ConfigValue.EnumValue(getString(what + " enum class"), getString(what + " enum constant"));
            case TAG_RECORD -> {
                String type = getString(what + " record class");
                int n = getCount("number of components of " + what, 5);
                List<ConfigValue.Component> cs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = getString("component name in " + what);
                    cs.add(new ConfigValue.Component(name, getValue(what, depth + 1)));
                }
                yield new ConfigValue.RecordValue(type, cs);
            }
            case TAG_LIST -> {
                int n = getCount("number of items of " + what, 1);
                List<ConfigValue> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(getValue(what, depth + 1));
                }
                yield new ConfigValue.ListValue(items);
            }
            case TAG_OPAQUE -> new ConfigValue.Opaque(getString(what + " class"), getBoolean(what + " hidden flag"));
            default -> throw malformed(what + " has unknown value tag " + tag);
        };
    }

    int remaining() {
        return in.remaining();
    }
}
