package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.bosun.testing.TestSshd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same contract over a real sshd on 127.0.0.1, started by {@code .ci/test-sshd}, which exports
 * {@code BOSUN_TEST_SSH=host:port:user:identity}. In CI (CI=true) a missing sshd fails these tests instead of skipping.
 */
class SshExecutorTest extends ExecutorContract {
    static SshTarget target;
    static Path scratch;

    @BeforeAll
    static void findSshd() throws Exception {
        target = TestSshd.target();
        scratch = Files.createTempDirectory("bosun-ssh");
    }

    private SshExecutor ssh;

    @Override
    Executor executor() {
        if (ssh == null) {
            ssh = new SshExecutor(target, scratch.resolve("cm"), scratch.resolve("known_hosts"));
        }
        return ssh;
    }

    @Test
    void anUnreachableHostFailsWithSshsOwnReason() throws Exception {
        SshExecutor nowhere = new SshExecutor(new SshTarget("127.0.0.1", target.user(), 1, target.identityFile()),
                scratch.resolve("cm2"), scratch.resolve("known_hosts"));
        Result r = nowhere.run(Command.of("true"));
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.firstErrorLine()).contains("Connection refused");
    }

    @Test
    void optionLikeHostsAndUsersAreRefused() {
        assertThatThrownBy(() -> new SshTarget("-oProxyCommand=x", "u", 22, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshTarget("h", "-l", 22, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
