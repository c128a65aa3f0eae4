package dev.gradus;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps what it is given, for tests of what the library says. */
final class RecordingLogger implements System.Logger {

    /** One message as logged. */
    record Entry(Level level, String message) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Asserts that exactly one message was logged, a warning that starts with {@code start}. */
    void assertOneWarning(String start) {
        List<Entry> said = entries();
        org.junit.jupiter.api.Assertions.assertEquals(1, said.size(), said.toString());
        org.junit.jupiter.api.Assertions.assertEquals(Level.WARNING, said.getFirst().level());
        org.junit.jupiter.api.Assertions.assertTrue(said.getFirst().message().startsWith(start), said.getFirst().message());
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        entries.add(new Entry(level, msg));
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params)));
    }
}
