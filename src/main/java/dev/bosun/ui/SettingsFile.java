package dev.bosun.ui;

import java.io.IOException;
import java.util.Map;

/**
 * The operator's settings file as the console edits it. The composition root implements it with the very checks a
 * start makes, so the dialog refuses what a start would refuse, with the same message. A secret (the GitHub token, the
 * agents' sign-in key and token) is never read back: only whether it is set.
 */
public interface SettingsFile {
    /** Where the file is. */
    String location();

    /** The settings that hold a credential. */
    java.util.Set<String> SECRETS = java.util.Set.of("github.token", "agents.claude.token", "agents.codex.key");

    /** Its keys and values now, without the secrets. */
    Map<String, String> values() throws IOException;

    /** Which of the {@link #SECRETS} are set. */
    java.util.Set<String> secretsSet() throws IOException;

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
        public java.util.Set<String> secretsSet() {
            return java.util.Set.of();
        }

        @Override
        public void save(Map<String, String> changes) throws IOException {
            throw new IOException("This window has no settings file to write.");
        }
    };
}
