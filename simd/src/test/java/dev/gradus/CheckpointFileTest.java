package dev.gradus;

import dev.gradus.rules.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code save(Path)} is crash-safe: a failure or crash at every stage of the atomic write (and after
 * every chunk of bytes) leaves the old checkpoint or the complete new one under the file's name.
 * A crash is simulated by photographing the directory at the stage (what the disk holds if the
 * process dies there) and then throwing; both the photograph and the directory after the throw
 * are checked.
 */
class CheckpointFileTest {

    @TempDir
    Path dir;

    /** Thrown by the hook: the simulated crash. */
    private static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash at " + where);
        }
    }

    private static Optimizer optimizer(float[] w, float[] g) {
        Optimizer opt = Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build();
        opt.register("w", w, g);
        return opt;
    }

    private static void step(Optimizer opt, float[] g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        opt.step();
    }

    private static byte[] bytes(Optimizer opt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            opt.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every regular file of {@code dir} with its bytes. */
    private static Map<String, byte[]> photograph(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void aCrashAtEveryStageLeavesTheOldFileOrTheNewOne() throws IOException {
        float[] w = new float[40_000], g = new float[w.length];      // 4 arrays of 160 KB: several writes of 64 KB
        Arrays.fill(w, 0.5f);
        Map<AtomicFile.Stage, Integer> seen = new EnumMap<>(AtomicFile.Stage.class);
        try (Optimizer opt = optimizer(w, g)) {
            step(opt, g, 1);
            Path file = dir.resolve("model.ckpt");
            for (boolean oldExists : new boolean[] {true, false}) {
                // count how often each stage is reached in one save
                Files.deleteIfExists(file);
                seen.clear();
                opt.save(file, (stage, temp) -> seen.merge(stage, 1, Integer::sum));
                assertEquals(AtomicFile.Stage.values().length, seen.size(), "every stage is reached: " + seen);
                assertTrue(seen.get(AtomicFile.Stage.WRITING) >= 4, "several chunks: " + seen);
                for (AtomicFile.Stage stage : AtomicFile.Stage.values()) {
                    for (int k = 1; k <= seen.get(stage); k++) {
                        crashAt(opt, g, file, oldExists, stage, k);
                    }
                }
            }
        }
    }

    private void crashAt(Optimizer opt, float[] g, Path file, boolean oldExists, AtomicFile.Stage stage, int occurrence) throws IOException {
        String where = stage + " #" + occurrence + (oldExists ? " over an old file" : " without an old file");
        Files.deleteIfExists(file);
        byte[] old = null;
        if (oldExists) {
            opt.save(file);
            old = Files.readAllBytes(file);
            step(opt, g, occurrence * 31L + stage.ordinal());       // the new checkpoint differs from the old one
        }
        byte[] fresh = bytes(opt);
        List<Map<String, byte[]>> photo = new ArrayList<>();
        int[] count = {0};
        var e = assertThrows(Crash.class, () -> opt.save(file, (s, temp) -> {
            if (s == stage && ++count[0] == occurrence) {
                photo.add(photograph(dir));
                throw new Crash(where);
            }
        }), where);
        assertEquals("simulated crash at " + where, e.getMessage());
        boolean replaced = stage.compareTo(AtomicFile.Stage.RENAMED) >= 0;
        byte[] expected = replaced ? fresh : old;

        // what the disk holds if the process died at that moment
        byte[] atCrash = photo.getFirst().get(file.getFileName().toString());
        if (expected == null) {
            assertFalse(photo.getFirst().containsKey(file.getFileName().toString()), where + ": no file yet");
        } else {
            assertNotNull(atCrash, where);
            assertArrayEquals(expected, atCrash, where + ": " + (replaced ? "the new" : "the old") + " checkpoint, whole");
        }
        for (String name : photo.getFirst().keySet()) {
            assertTrue(name.equals(file.getFileName().toString()) || name.matches("\\.model\\.ckpt\\.[0-9a-f]+\\.tmp"),
                    where + ": only the checkpoint and the temporary file, found " + name);
        }

        // what is left after the failure was reported: the same, and the temporary file is gone
        Map<String, byte[]> after = photograph(dir);
        assertEquals(expected == null ? List.of() : List.of(file.getFileName().toString()), List.copyOf(after.keySet()), where);
        if (expected != null) {
            assertArrayEquals(expected, after.get(file.getFileName().toString()), where);
            try (Optimizer check = optimizer(new float[g.length], new float[g.length])) {
                check.load(file);                                    // and it loads
                assertArrayEquals(expected, bytes(check), where);
            }
        }
    }

    @Test
    void aStrayTemporaryFileFromACrashDoesNotMatter() throws IOException {
        float[] w = {1f, 2f, 3f}, g = {0.1f, 0.2f, 0.3f};
        try (Optimizer opt = optimizer(w, g)) {
            step(opt, g, 2);
            Path file = dir.resolve("model.ckpt");
            Path stray = dir.resolve(".model.ckpt.0123456789abcdef.tmp");
            Files.write(stray, new byte[] {'G', 'R', 'A'});
            opt.save(file);
            assertArrayEquals(bytes(opt), Files.readAllBytes(file));
            assertArrayEquals(new byte[] {'G', 'R', 'A'}, Files.readAllBytes(stray), "another save's temporary file is not touched");
            opt.load(file);
        }
    }

    @Test
    void theNewFileKeepsTheOldFilesPermissions() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
        try (Optimizer opt = optimizer(new float[3], new float[3])) {
            Path file = dir.resolve("model.ckpt");
            opt.save(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            opt.save(file);
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aMissingDirectoryFailsAndCreatesNothing() throws IOException {
        try (Optimizer opt = optimizer(new float[3], new float[3])) {
            assertThrows(NoSuchFileException.class, () -> opt.save(dir.resolve("no/such/dir/model.ckpt")));
            assertEquals(Map.of(), photograph(dir));
        }
    }
}
