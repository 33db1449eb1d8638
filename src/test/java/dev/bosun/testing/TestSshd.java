package dev.bosun.testing;

import dev.bosun.exec.Command;
import dev.bosun.exec.SshExecutor;
import dev.bosun.exec.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The test hosts that {@code .ci/test-sshd} started on 127.0.0.1 ({@code BOSUN_TEST_SSH} for host a,
 * {@code BOSUN_TEST_SSH_B} for host b: {@code host:port:user:identity:root}). Each sshd runs in a mount namespace of its
 * own, where {@code root} is a tmpfs that this machine does not see: a folder made there exists only on that host. Its
 * agent CLIs and its Java are under {@link #HOST_TOOLS}, on its PATH, and this machine's are hidden there. In CI
 * (CI=true) a missing host fails the test; elsewhere the test is skipped.
 */
public final class TestSshd {
    /** Where a test host has the agent CLIs (its PATH has {@code bin} there): a folder this machine does not see. */
    public static final String HOST_TOOLS = "/opt/bosun-host-tools";

    private TestSshd() {}

    /** A test host: how to reach it, and the root of the folders only it sees. */
    public record Host(SshTarget target, String privateRoot) {
        public SshExecutor executor() {
            try {
                Path scratch = Files.createTempDirectory("bosun-ssh");
                return new SshExecutor(target, scratch.resolve("cm"), scratch.resolve("known_hosts"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A fresh folder name under the host's private root (not made yet): a work root that only it has. */
        public String freshWorkRoot() {
            return privateRoot + "/work-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }

        /** True if {@code path} exists on this host. */
        public boolean has(String path) {
            try {
                return executor().run(Command.of("test", "-e", path)).exitCode() == 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Host a() {
        return host("BOSUN_TEST_SSH");
    }

    public static Host b() {
        return host("BOSUN_TEST_SSH_B");
    }

    private static Host host(String variable) {
        String spec = System.getenv(variable);
        if (spec == null || spec.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(variable + " is not set: .ci/run must start the test hosts");
            }
            Assumptions.abort("no test host in " + variable + "; run as root: eval \"$(.ci/test-sshd)\"; "
                    + "eval \"$(.ci/test-sshd b)\"");
        }
        String[] p = spec.split(":", 5);
        if (p.length < 5) {
            throw new AssertionError(variable + " is " + spec + ": expected host:port:user:identity:root");
        }
        return new Host(new SshTarget(p[0], p[2], Integer.parseInt(p[1]), p[3]), p[4]);
    }

    /** Host a's address. */
    public static SshTarget target() {
        return a().target();
    }

    /** Host a's executor. */
    public static SshExecutor executor() {
        return a().executor();
    }
}
