package dev.gradus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the golden files by listing their folder: {@code -Dgradus.golden.dir=...} when set (a
 * missing folder is then an error), else the project's {@code testdata/golden}.
 */
public final class GoldenFiles {

    public static final String DIR_PROPERTY = "gradus.golden.dir";

    private GoldenFiles() {
    }

    public static Path directory() {
        String dir = System.getProperty(DIR_PROPERTY, "");
        if (!dir.isBlank()) {
            Path p = Path.of(dir);
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException(DIR_PROPERTY + "=" + dir + " is not a directory");
            }
            return p;
        }
        String def = System.getProperty("gradus.golden.default", "");
        for (Path p : List.of(Path.of(def.isBlank() ? "testdata/golden" : def), Path.of("../testdata/golden"), Path.of("testdata/golden"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no golden folder: expected testdata/golden in the project, or set -D" + DIR_PROPERTY);
    }

    /** Every {@code <rule>-<variant>-<dtype>.txt} file of that dtype, sorted by name. */
    public static List<Path> list(String dtype) {
        try (Stream<Path> s = Files.list(directory())) {
            return s.filter(p -> {
                String[] parts = nameParts(p);
                return parts.length == 3 && parts[2].equals(dtype);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule part of a golden file name. */
    public static String rule(Path p) {
        return nameParts(p)[0];
    }

    private static String[] nameParts(Path p) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".txt")) {
            return new String[0];
        }
        return name.substring(0, name.length() - 4).split("-");
    }
}
