package dev.bosun.agent;

import dev.bosun.exec.Running;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One agent's stdin, written off the caller's thread, in order. A write to a pipe blocks once the agent stops reading
 * and its 64 KiB are full; the engine thread must never wait on that, so each line goes through a queue of at most
 * {@link #MAX_PENDING} lines, written by a pool thread. A line past that is refused at once: the agent is not reading.
 */
final class AgentInput {
    /** Lines not yet written that one agent may have: past them it is not reading, and more would only pile up. */
    static final int MAX_PENDING = 16;

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "agent-input");
        t.setDaemon(true);
        return t;
    });

    private final Running process;
    private final Consumer<String> onFailure;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int pending;
    private boolean closed;

    /** @param onFailure told why a line could not be written */
    AgentInput(Running process, Consumer<String> onFailure) {
        this.process = process;
        this.onFailure = onFailure;
    }

    /** Queues one line; completes true once it is written, false if it was not (input closed, or not reading). */
    synchronized CompletableFuture<Boolean> write(String line) {
        if (closed) {
            return CompletableFuture.completedFuture(false);
        }
        if (pending >= MAX_PENDING) {
            onFailure.accept("it has not read its last " + pending + " messages");
            return CompletableFuture.completedFuture(false);
        }
        pending++;
        CompletableFuture<Boolean> written = tail.handleAsync((previous, error) -> {
            try {
                process.write(line);
                return true;
            } catch (IOException e) {
                onFailure.accept(e.getMessage());
                return false;
            } finally {
                done();
            }
        }, WRITERS);
        tail = written;
        return written;
    }

    /** Closes the input once what is queued is written; later lines are refused. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            tail = tail.handleAsync((previous, error) -> {
                process.closeInput();
                return null;
            }, WRITERS);
        }
    }

    private synchronized void done() {
        pending--;
    }
}
