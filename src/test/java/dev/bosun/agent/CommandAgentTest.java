package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.exec.LocalExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandAgentTest {
    @TempDir
    Path dir;

    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    AgentLaunch launch(String prompt) {
        return new AgentLaunch("ses_01m8aaaaaaaaaaaaaaaa", "obj_1", SessionRole.WORKER, SessionMode.NON_INTERACTIVE,
                prompt, null, dir, null, new LocalExecutor());
    }

    AgentEvent.Exited awaitExit() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (AgentEvent e : events) {
                if (e instanceof AgentEvent.Exited x) {
                    return x;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between probes, leave the cores to the work
        }
        throw new AssertionError("no exit event; got " + events);
    }

    @Test
    void thePromptArrivesVerbatimAsAnArgumentAndOutputBecomesTheTranscript() throws Exception {
        String hostile = "fix it; rm -rf / $(whoami) `id` 'quoted' \"double\"";
        CommandAgent agent = new CommandAgent(List.of("sh", "-c", "printf '%s\\n' \"$1\"; pwd; echo done",
                "agent", "{prompt}"), Duration.ofMinutes(1));
        agent.start(launch(hostile), events::add);
        AgentEvent.Exited exit = awaitExit();
        assertThat(exit.success()).isTrue();
        assertThat(events).filteredOn(e -> e instanceof AgentEvent.Output).extracting(e -> ((AgentEvent.Output) e)
                .text()).containsExactly(hostile, dir.toString(), "done");
        assertThat(exit.summary()).endsWith("done");
        assertThat(events.get(events.size() - 1)).isInstanceOf(AgentEvent.Exited.class);
    }

    @Test
    void withoutAPlaceholderThePromptGoesToStdin() throws Exception {
        CommandAgent agent = new CommandAgent(List.of("cat"), Duration.ofMinutes(1));
        agent.start(launch("line one\nline two"), events::add);
        assertThat(awaitExit().summary()).isEqualTo("line one\nline two");
    }

    @Test
    void aFailingCommandFailsWithItsLastLinesAndExitCode() throws Exception {
        CommandAgent agent = new CommandAgent(List.of("sh", "-c", "echo 'tests failed: 3' >&2; echo partial; exit 4"),
                Duration.ofMinutes(1));
        agent.start(launch("x"), events::add);
        AgentEvent.Exited exit = awaitExit();
        assertThat(exit.success()).isFalse();
        assertThat(exit.summary()).contains("partial", "sh exited 4");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AgentEvent.Output.class,
                o -> assertThat(o.text()).isEqualTo("tests failed: 3")));
    }

    @Test
    void cancelStopsTheWholeTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CommandAgent agent = new CommandAgent(List.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"),
                Duration.ofMinutes(5));
        AgentRun run = agent.start(launch("x"), events::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between probes, leave the cores to the work
        }
        long child = Long.parseLong(Files.readString(pidFile).strip());
        run.cancel();
        assertThat(awaitExit().success()).isFalse();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between probes, leave the cores to the work
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(run.alive()).isFalse();
    }

    @Test
    void aMissingProgramIsAClearStartError() {
        CommandAgent agent = new CommandAgent(List.of("no-such-agent-cli", "{prompt}"), Duration.ofMinutes(1));
        assertThatThrownBy(() -> agent.start(launch("x"), events::add)).isInstanceOf(AgentStartException.class)
                .hasMessage("no-such-agent-cli is not installed on local (not found on PATH).");
        assertThat(events).isEmpty();
    }
}
