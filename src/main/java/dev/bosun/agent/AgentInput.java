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
    private boolean refusing; // it said so once: said again only after it read its backlog

    /** @param onFailure told why a line could not be written */
    AgentInput(Running process, Consumer<String> onFailure) {
        this.process = process;
        this.onFailure = onFailure;
    }

    /** Queues one line; completes true once it is written, false if it was not (input closed, or not reading). */
    CompletableFuture<Boolean> write(String line) {
        boolean tell;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(false);
            }
            if (pending < MAX_PENDING) {
                return queue(line);
            }
            tell = !refusing;
            refusing = true;
        }
        if (tell) { // outside the lock: the listener may wait for the engine, which may be writing here
            onFailure.accept("it has not read its last " + MAX_PENDING + " messages");
        }
        return CompletableFuture.completedFuture(false);
    }

    private synchronized CompletableFuture<Boolean> queue(String line) {
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

    /** Refuses further lines at once (the process is being killed; a write that waits ends with it). */
    synchronized void abandon() {
        closed = true;
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
        if (--pending == 0) {
            refusing = false;
        }
    }
}
