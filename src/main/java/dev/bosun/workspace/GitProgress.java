package dev.bosun.workspace;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * git's own progress on stderr ({@code Receiving objects:  45% (450/1000), 1.20 MiB | 2.40 MiB/s}), passed on named by
 * the step it belongs to ({@code clone}, {@code fetch}) at most once a second, and a step's last line always: a first
 * clone of a large repository shows how far it is instead of a bare "preparing".
 */
final class GitProgress implements Consumer<String> {
    private static final Pattern LINE = Pattern.compile("^(?:remote: )?(?:Enumerating|Counting|Compressing|Receiving"
            + "|Resolving|Unpacking|Updating files|Checking out files|Total)\\b.*");
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final Consumer<String> out;
    private volatile String step;
    private long last = System.nanoTime() - EVERY_NANOS;

    GitProgress(String step, Consumer<String> out) {
        this.step = step;
        this.out = out;
    }

    static boolean isProgress(String line) {
        return LINE.matcher(line.strip()).matches();
    }

    @Override
    public synchronized void accept(String line) {
        if (line.startsWith("bosun-step ")) {
            step = line.substring("bosun-step ".length()).strip();
            return;
        }
        if (!isProgress(line)) {
            return;
        }
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS || line.contains(", done.")) {
            last = now;
            try {
                out.accept(step + ": " + line.strip().replaceFirst("^remote: ", "").replaceAll("\\s+", " "));
            } catch (RuntimeException e) {
                // showing progress must never stop the reader of git's stderr: git would block on a full pipe
            }
        }
    }
}
