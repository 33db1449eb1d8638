package dev.bosun.agent;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import java.io.IOException;
import java.time.Duration;

/** Checks that an agent's program is installed where it will run, so a missing CLI is a clear error, not a hang. */
final class Programs {
    private Programs() {}

    static void requireInstalled(Executor executor, String program, String howToInstall) throws AgentStartException {
        try {
            if (!executor.run(Command.of("sh", "-c", "command -v \"$1\"", "check", program)
                    .withTimeout(Duration.ofSeconds(20))).ok()) {
                throw new AgentStartException(program + " is not installed on " + executor.describe()
                        + " (not found on PATH)." + howToInstall);
            }
        } catch (IOException e) {
            throw new AgentStartException("cannot reach " + executor.describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentStartException("interrupted while starting " + program, e);
        }
    }
}
