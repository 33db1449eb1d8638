package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Running;
import dev.bosun.testing.TestSshd;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an earlier Bosun left running for a session is found by the session's id in its environment and killed with
 * its whole group, here and on a test host; another session's agent is left alone.
 */
class LeftBehindTest {
    @Test
    void anAgentLeftRunningHereIsKilledWithItsChildrenAndNoOtherSessionsIs() throws Exception {
        killsOnlyTheSessionsOwn(new LocalExecutor());
    }

    @Test
    void anAgentLeftRunningOnAnSshHostIsKilledThere() throws Exception {
        killsOnlyTheSessionsOwn(TestSshd.a().executor());
    }

    private static void killsOnlyTheSessionsOwn(Executor on) throws Exception {
        String id = "ses_" + Long.toString(System.nanoTime(), 36);
        Running mine = agent(on, id);
        Running other = agent(on, id + "x");
        try {
            assertThat(LeftBehind.kill(on, id)).isEqualTo(1);
            assertThat(mine.exit().get(20, TimeUnit.SECONDS)).isNotZero();
            assertThat(other.alive()).as("another session's agent").isTrue();
            assertThat(LeftBehind.kill(on, id)).as("nothing is left").isZero();
        } finally {
            other.cancel();
            mine.cancel();
        }
    }

    /**
     * An agent names its program so that its stat line reads as if its process group were another one's (the name
     * may hold ") " and a newline): the agent is still the one killed, and the group it named is left alone.
     */
    @Test
    void anAgentWhoseNameFakesItsStatLineIsKilledAndTheGroupItNamedIsNot() throws Exception {
        Executor here = new LocalExecutor();
        String id = "ses_" + Long.toString(System.nanoTime(), 36);
        Running victim = agent(here, id + "v");
        String victimGroup = here.run(Command.of("sh", "-c", "for e in $(grep -lzxF \"$1\" /proc/[0-9]*/environ); do "
                + "cut -d' ' -f5 \"${e%/environ}/stat\"; done | head -1", "group",
                LeftBehind.SESSION_VARIABLE + "=" + id + "v")).stdout().strip();
        assertThat(victimGroup).matches("[0-9]+");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("left-behind");
        java.nio.file.Path named = dir.resolve("a) S 1 " + victimGroup + "\n");
        java.nio.file.Files.copy(java.nio.file.Path.of("/bin/sleep"), named);
        named.toFile().setExecutable(true);
        Running mine = here.start(new Command(List.of(named.toString(), "300"), null,
                Map.of(LeftBehind.SESSION_VARIABLE, id), null, Duration.ofMinutes(5)), false, line -> { }, line -> { });
        try {
            waitUntilStarted(here, id);
            assertThat(LeftBehind.kill(here, id)).isEqualTo(1);
            assertThat(mine.exit().get(20, TimeUnit.SECONDS)).isNotZero();
            assertThat(victim.alive()).as("the group the name pointed at").isTrue();
        } finally {
            mine.cancel();
            victim.cancel();
        }
    }

    /** An agent as Bosun starts one: leading its group, its session in its environment, with a child of its own. */
    private static Running agent(Executor on, String sessionId) throws Exception {
        Running r = on.start(new Command(List.of("sh", "-c", "sleep 300 & echo started; wait"), null,
                Map.of(LeftBehind.SESSION_VARIABLE, sessionId), null, Duration.ofMinutes(5)), false,
                line -> { }, line -> { });
        waitUntilStarted(on, sessionId);
        return r;
    }

    private static void waitUntilStarted(Executor on, String sessionId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // started once the remote side reads its environment and execs; a kill before that would find nothing
        while (on.run(Command.of("sh", "-c", "grep -lzxF \"$1\" /proc/[0-9]*/environ 2>/dev/null | head -1",
                "probe", LeftBehind.SESSION_VARIABLE + "=" + sessionId)).stdout().isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent of " + sessionId + " did not start within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // a probe is a round trip
        }
    }
}
