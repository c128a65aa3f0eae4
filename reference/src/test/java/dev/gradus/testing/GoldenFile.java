package dev.gradus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One golden test vector file, read as FORMAT.md describes (header lines and data lines). */
public final class GoldenFile {

    private final Path path;
    private final Map<String, String> header;
    private final Map<String, String[]> data;
    private final String hpPrefix;
    private final String rule;

    private GoldenFile(Path path) {
        this(path, new HashMap<>(), new HashMap<>(), "hp.", null);
    }

    private GoldenFile(Path path, Map<String, String> header, Map<String, String[]> data, String hpPrefix, String rule) {
        this.path = path;
        this.header = header;
        this.data = data;
        this.hpPrefix = hpPrefix;
        this.rule = rule;
    }

    /**
     * The wrapped optimizer of a wrapper file (Lookahead): {@code hp(name)} reads {@code inner.<name>}
     * and {@link #rule()} is {@code innerRule}.
     */
    public GoldenFile inner(String innerRule) {
        return new GoldenFile(path, header, data, "inner.", innerRule);
    }

    /** Reads and parses a file. */
    public static GoldenFile read(Path path) {
        GoldenFile f = new GoldenFile(path);
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split(" ");
            int b = t[0].indexOf('[');
            if (b >= 0) {
                f.data.put(t[0], Arrays.copyOfRange(t, 1, t.length));
            } else {
                f.header.merge(t[0], t.length > 1 ? line.substring(t[0].length() + 1) : "", (a, c) -> a + "\n" + c);
            }
        }
        return f;
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public boolean has(String key) {
        return header.containsKey(key);
    }

    /** A header value, the rest of its line. */
    public String header(String key) {
        String v = header.get(key);
        if (v == null) {
            throw new IllegalArgumentException(fileName() + " has no header '" + key + "'");
        }
        return v;
    }

    public String[] tokens(String key) {
        String v = header(key);
        return v.isEmpty() ? new String[0] : v.split(" ");
    }

    public String rule() {
        return rule != null ? rule : header("rule");
    }

    public String kind() {
        return header("kind");
    }

    public int n() {
        return Integer.parseInt(header("n"));
    }

    public int steps() {
        return Integer.parseInt(header("steps"));
    }

    public List<String> stateVectors() {
        return List.of(tokens("state_vectors"));
    }

    public List<String> stateScalars() {
        return List.of(tokens("state_scalars"));
    }

    /** {@code hp.<name>} as a double. */
    public double hp(String name) {
        return Double.parseDouble(header(hpPrefix + name));
    }

    /** {@code hp.<name>} as a boolean ({@code true}/{@code false}). */
    public boolean hpFlag(String name) {
        String v = header(hpPrefix + name);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(fileName() + ": hp." + name + " is not a boolean: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** {@code hp.<name>} as a list of doubles. */
    public double[] hpList(String name) {
        return Arrays.stream(tokens(hpPrefix + name)).mapToDouble(Double::parseDouble).toArray();
    }

    /** {@code hp.<name>} as a word. */
    public String hpWord(String name) {
        return header(hpPrefix + name);
    }

    public boolean hasData(String name, String index) {
        return data.containsKey(name + "[" + index + "]");
    }

    /** A data line parsed as float32 values ({@code Float.parseFloat}, as FORMAT.md requires). */
    public float[] floats(String name, String index) {
        String[] v = raw(name, index);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.parseFloat(v[i]);
        }
        return out;
    }

    /** A data line parsed as doubles. */
    public double[] doubles(String name, String index) {
        return Arrays.stream(raw(name, index)).mapToDouble(Double::parseDouble).toArray();
    }

    private String[] raw(String name, String index) {
        String[] v = data.get(name + "[" + index + "]");
        if (v == null) {
            throw new IllegalArgumentException(fileName() + " has no data line " + name + "[" + index + "]");
        }
        return v;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
