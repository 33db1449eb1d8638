package dev.bosun.exec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting. Every word Bosun passes through a shell (ssh runs its command through the remote user's shell)
 * goes through {@link #quote}: single quotes make every character literal, and a single quote itself is written as
 * {@code '\''}. Nothing an agent or a user types can become a second command.
 */
public final class Shell {
    private Shell() {}

    public static String quote(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word; // nothing a shell would interpret
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words joined into one command line, each quoted. */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
