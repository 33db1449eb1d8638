package dev.bosun.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real git repositories for tests, made with a hermetic environment (own HOME, no signing, fixed identity). */
public final class GitRepos {
    private GitRepos() {}

    public static Path init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder("git", "init", "-q", "-b", "main", dir.toString())
                .redirectErrorStream(true);
        pb.environment().put("HOME", dir.getParent().toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git init failed: " + out);
        }
        return dir;
    }
}
