package dev.bosun.ui;

import java.io.IOException;
import java.util.Map;

/**
 * The operator's settings file as the console edits it. The composition root implements it with the very checks a
 * start makes, so the dialog refuses what a start would refuse, with the same message. The GitHub token is never read
 * back: only whether one is set.
 */
public interface SettingsFile {
    /** Where the file is. */
    String location();

    /** Its keys and values now, without the GitHub token. */
    Map<String, String> values() throws IOException;

    boolean tokenSet() throws IOException;

    /**
     * Applies {@code changes} (a blank value removes the key: its default applies), checked as a start checks the
     * whole file; the file keeps its comments and the order of its lines, and is readable by the operator alone.
     * Throws with the start's message, changing nothing, when the result would not start.
     */
    void save(Map<String, String> changes) throws IOException;

    /** No file to edit (tests that build the window without one). */
    SettingsFile NONE = new SettingsFile() {
        @Override
        public String location() {
            return "";
        }

        @Override
        public Map<String, String> values() {
            return Map.of();
        }

        @Override
        public boolean tokenSet() {
            return false;
        }

        @Override
        public void save(Map<String, String> changes) throws IOException {
            throw new IOException("This window has no settings file to write.");
        }
    };
}
