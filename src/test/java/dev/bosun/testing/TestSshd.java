package dev.bosun.testing;

import dev.bosun.exec.SshExecutor;
import dev.bosun.exec.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The sshd that {@code .ci/test-sshd} started on 127.0.0.1 ({@code BOSUN_TEST_SSH=host:port:user:identity}). In CI
 * (CI=true) its absence fails the test; elsewhere the test is skipped.
 */
public final class TestSshd {
    private TestSshd() {}

    public static SshTarget target() {
        String spec = System.getenv("BOSUN_TEST_SSH");
        if (spec == null || spec.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("BOSUN_TEST_SSH is not set: .ci/run must start the test sshd");
            }
            Assumptions.abort("no test sshd; run: eval \"$(.ci/test-sshd)\"");
        }
        String[] p = spec.split(":", 4);
        return new SshTarget(p[0], p[2], Integer.parseInt(p[1]), p[3]);
    }

    public static SshExecutor executor() {
        try {
            Path scratch = Files.createTempDirectory("bosun-ssh");
            return new SshExecutor(target(), scratch.resolve("cm"), scratch.resolve("known_hosts"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
