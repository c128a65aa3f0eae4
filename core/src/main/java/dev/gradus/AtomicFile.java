package dev.gradus;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash at any moment leaves either the old file or the complete new
 * one, never a torn one: the bytes go to a temporary file in the same directory
 * ({@code .name.<random>.tmp}), which is flushed, forced to the device ({@code fsync}) and closed,
 * then atomically renamed over the target ({@code rename(2)}); finally the directory is forced so
 * that the rename itself is durable (best effort: some platforms cannot force a directory). A
 * failure before the rename deletes the temporary file and leaves the target untouched; a crash
 * may leave a temporary file behind, which never affects the target and is not read.
 */
final class AtomicFile {

    private AtomicFile() {
    }

    /** The stages of {@link #write}, in order, for tests that fail at each one. */
    enum Stage {
        /** The temporary file exists and is empty. */
        TEMP_CREATED,
        /** Some bytes were handed to the temporary file (reached after every write). */
        WRITING,
        /** Every byte was handed to the operating system. */
        FLUSHED,
        /** The bytes are on the device. */
        FORCED,
        /** The temporary file is closed. */
        CLOSED,
        /** The temporary file has replaced the target. */
        RENAMED,
        /** The directory entry is on the device. */
        DIRECTORY_FORCED
    }

    /** Called at each stage; production code passes {@link #NONE}, tests throw to simulate a failure. */
    @FunctionalInterface
    interface Hook {
        void reached(Stage stage, Path temp) throws IOException;
    }

    static final Hook NONE = (stage, temp) -> { };

    /** What to write. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code body} to {@code target}, replacing it atomically. */
    static void write(Path target, Body body, Hook hook) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null) {
            throw new IllegalArgumentException("checkpoint path " + target + " names no file");
        }
        Path temp = createTemp(dir, file.getFileName().toString());
        boolean renamed = false;
        try {
            copyPermissions(file, temp);
            hook.reached(Stage.TEMP_CREATED, temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(ch)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        super.out.write(b, off, len);
                        hook.reached(Stage.WRITING, temp);
                    }
                };
                body.writeTo(out);
                out.flush();
                hook.reached(Stage.FLUSHED, temp);
                ch.force(true);
                hook.reached(Stage.FORCED, temp);
            }
            hook.reached(Stage.CLOSED, temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
            hook.reached(Stage.RENAMED, temp);
            forceDirectory(dir);
            hook.reached(Stage.DIRECTORY_FORCED, temp);
        } catch (Throwable t) {
            if (!renamed) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException e) {
                    t.addSuppressed(e);
                }
            }
            throw t;
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 16) {
                    throw e;
                }
            }
        }
    }

    /** Gives the new file the old one's POSIX permissions, when there is an old one and the platform has them. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (old != null && Files.exists(from)) {
            Files.setPosixFilePermissions(to, old.readAttributes().permissions());
        }
    }

    /** Forces the directory entry to the device; ignored where a directory cannot be opened (Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not supported here; the rename is still atomic, only its durability is up to the OS.
        }
    }
}
