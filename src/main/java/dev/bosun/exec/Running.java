package dev.bosun.exec;

import java.util.concurrent.CompletableFuture;

/** A process started by an {@link Executor}. */
public interface Running {
    /** Writes one line to the process's stdin (interactive processes only). */
    void write(String line) throws java.io.IOException;

    /** Closes stdin: a stream-json agent then finishes its turn and exits. */
    void closeInput();

    /** Kills the whole process tree (remote too, for SSH). */
    void cancel();

    boolean alive();

    /**
     * True once it ended because the connection to its host was lost (not by its own exit, nor by {@link #cancel}):
     * it may still run there. Always false on this machine.
     */
    default boolean connectionLost() {
        return false;
    }

    /** Completes with the exit code once the process and its output readers are done. */
    CompletableFuture<Integer> exit();
}
