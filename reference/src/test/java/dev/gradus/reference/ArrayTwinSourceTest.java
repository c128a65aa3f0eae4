package dev.gradus.reference;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scalar kernel's array loop ({@code xArrays}, see {@link HeapFloats}) is its segment loop
 * ({@code xSegments}) with each {@code s.getAtIndex(JAVA_FLOAT, i)} read as {@code sA[sAt + i]},
 * each {@code s.setAtIndex(JAVA_FLOAT, i, e)} as {@code sA[sAt + i] = e} and the index an
 * {@code int}: checked on the source, so an edit to one twin that misses the other fails here even
 * where the random equivalence cases would not reach it.
 */
class ArrayTwinSourceTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/gradus/reference");
    private static final Pattern METHOD = Pattern.compile("\\n    (?:public |private )?static \\w+ (\\w+)\\(([^)]*)\\) \\{\\n");

    @Test
    void eachArrayLoopMirrorsItsSegmentLoop() throws IOException {
        int pairs = 0;
        List<String> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("Scalar")).map(Path::toString).sorted().toList();
        }
        for (String file : files) {
            Map<String, String> bodies = bodies(Files.readString(Path.of(file)));
            for (Map.Entry<String, String> e : bodies.entrySet()) {
                if (!e.getKey().endsWith("Arrays")) {
                    continue;
                }
                String base = e.getKey().substring(0, e.getKey().length() - "Arrays".length());
                String segments = bodies.get(base + "Segments");
                assertTrue(segments != null, file + ": " + e.getKey() + " has no " + base + "Segments");
                assertEquals(lines(segments), lines(asSegments(e.getValue())), file + ": " + e.getKey() + " against " + base + "Segments");
                pairs++;
            }
        }
        assertTrue(pairs >= 36, "found " + pairs + " array loops, expected every scalar kernel's (36 when written)");
    }

    private static Map<String, String> bodies(String src) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = METHOD.matcher(src);
        while (m.find()) {
            int end = src.indexOf("\n    }\n", m.end());
            out.put(m.group(1), src.substring(m.end(), end));
        }
        return out;
    }

    /** The array loop rewritten as the segment loop it mirrors. */
    private static String asSegments(String body) {
        String b = body.replaceFirst("^\\s*final float\\[] [^;]*HeapFloats[^;]*;\\n\\s*final int [^;]*HeapFloats[^;]*;\\n", "");
        b = b.replaceAll("\\b(\\w+)A\\[\\1At \\+ i] = (.*);", "$1.setAtIndex(JAVA_FLOAT, i, $2);");
        b = b.replaceAll("\\b(\\w+)A\\[\\1At \\+ i]", "$1.getAtIndex(JAVA_FLOAT, i)");
        return b.replace("for (int i = start; i < end; i++)", "for (long i = from; i < to; i++)");
    }

    private static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        for (String l : body.split("\\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
