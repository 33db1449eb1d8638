package dev.bosun.exec;

import java.io.IOException;
import java.util.function.Consumer;

/** Where commands run: this machine or an SSH host. Both run the same argv the same way. */
public interface Executor {
    /** Runs to completion (or the timeout) and returns everything it printed. Blocking: io threads only. */
    Result run(Command command) throws IOException, InterruptedException;

    /**
     * As {@link #run(Command)}, each line of stderr also given to {@code stderrLines} as it comes (git's progress),
     * where this executor can stream it; by default only the whole result.
     */
    default Result run(Command command, Consumer<String> stderrLines) throws IOException, InterruptedException {
        return run(command);
    }

    /**
     * Starts a long-lived process whose output lines go to {@code stdout} / {@code stderr} as they come (from the
     * process's own reader threads). {@code interactive} keeps stdin open for {@link Running#write}.
     */
    Running start(Command command, boolean interactive, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException;

    /** A description for messages, e.g. {@code local} or {@code ci@build-box:2222}. */
    String describe();

    /**
     * Whether an agent started here can make a sandbox of its own (Codex's): false inside Bosun's sandbox where the
     * kernel allows no sandbox in a sandbox (Bosun running as root, for one).
     */
    default boolean nestedSandboxes() {
        return true;
    }

    /** True if commands run on another machine, which sees none of this one's files. */
    default boolean remote() {
        return false;
    }
}
