package dev.bosun.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Hermetic git for tests: its own HOME, no system config, a fixed identity, no signing. */
public final class Git {
    private final Path home;

    public Git(Path home) {
        this.home = home;
    }

    public Map<String, String> env() {
        return Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1", "GIT_AUTHOR_NAME", "Bosun Test",
                "GIT_AUTHOR_EMAIL", "test@bosun.dev", "GIT_COMMITTER_NAME", "Bosun Test",
                "GIT_COMMITTER_EMAIL", "test@bosun.dev", "GIT_TERMINAL_PROMPT", "0");
    }

    /** Runs git in {@code dir}; returns stdout; fails the test with git's output otherwise. */
    public String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                "-c", "maintenance.auto=false"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out.strip();
    }

    /** A bare "origin" with one commit on main, and a working clone to push more from. */
    public Path origin(Path dir) throws IOException, InterruptedException {
        Path origin = dir.resolve("origin.git");
        Files.createDirectories(origin);
        run(origin, "init", "--bare", "--quiet");
        Path work = dir.resolve("pusher");
        run(dir, "clone", "--quiet", origin.toString(), work.toString());
        Files.writeString(work.resolve("README.md"), "hello\n");
        run(work, "add", ".");
        run(work, "commit", "--quiet", "-m", "first");
        run(work, "push", "--quiet", "origin", "HEAD:main");
        return origin;
    }

    /** Commits a file in the pusher clone and pushes it; returns the new commit. */
    public String pushCommit(Path dir, String file, String content) throws IOException, InterruptedException {
        Path work = dir.resolve("pusher");
        Files.writeString(work.resolve(file), content);
        run(work, "add", ".");
        run(work, "commit", "--quiet", "-m", "change " + file);
        run(work, "push", "--quiet", "origin", "HEAD:main");
        return run(work, "rev-parse", "HEAD");
    }

    /**
     * In the pusher clone: a branch {@code name} off main with one commit writing {@code file}, pushed to origin; the
     * clone is back on main. Returns the branch's commit.
     */
    public String pushBranch(Path dir, String name, String file, String content)
            throws IOException, InterruptedException {
        Path work = dir.resolve("pusher");
        run(work, "checkout", "-q", "-b", name, "main");
        java.nio.file.Files.writeString(work.resolve(file), content);
        run(work, "add", ".");
        run(work, "commit", "-q", "-m", name);
        run(work, "push", "-q", "origin", name);
        run(work, "checkout", "-q", "main");
        return run(work, "rev-parse", name);
    }
}
