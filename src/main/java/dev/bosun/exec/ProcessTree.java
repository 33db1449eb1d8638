package dev.bosun.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local processes in their own process group (through {@code setsid} where the system has it), so that a cancel kills
 * everything they started, not just the first process; and the reader threads that drain their output.
 */
final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));

    private ProcessTree() {}

    /** The argv to start, prefixed so that the process leads a new process group. */
    static List<String> inOwnGroup(List<String> argv) {
        if (!SETSID) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv.size() + 1);
        out.add("setsid");
        out.addAll(argv);
        return out;
    }

    /** Kills the process's group (everything it started, even re-parented children) and its known descendants. */
    static void kill(Process p) {
        if (SETSID && p.isAlive()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true).start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                log.warn("Killing process group {} failed", p.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killTree(p);
    }

    /** Kills the process and its descendants, as they are now (for a process not in a group of its own). */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.toHandle().destroyForcibly(); // the signal alone: Process.destroyForcibly would also close our pipes
        try {
            // Let it exit by the signal first: Process.destroy closes our ends of its pipes, losing unread output.
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
    }

    /** Reads a whole stream, as it is, on a named daemon thread. */
    static CompletableFuture<String> readAll(InputStream in, String name) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                // the pipe was closed under us: keep what was read
            }
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }, name);
        t.setDaemon(true);
        t.start();
        return text;
    }

    /** What a reader got; a process that left a child holding its output gets a few seconds, then what is there. */
    static String await(CompletableFuture<String> text) throws InterruptedException {
        try {
            return text.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    /** Drains a stream line by line, each cut at {@link BoundedLines#MAX} characters, on a named daemon thread. */
    static Thread drain(InputStream in, Consumer<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                BoundedLines.read(r, lines);
            } catch (IOException e) {
                // the process went away; nothing more to read
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
