package dev.bosun.app;

import static dev.bosun.app.ClaudeEndToEndTest.sessions;
import static dev.bosun.app.ClaudeEndToEndTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.testing.CodexCli;
import dev.bosun.testing.Git;
import dev.bosun.testing.ScriptedResponses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Codex CLI as a manager: it reaches Bosun's MCP server and spawns a worker that does its work. */
class CodexEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aCodexManagerSpawnsAWorkerThroughBosunsTools() throws Exception {
        String codex = CodexCli.binary();
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        try (ScriptedResponses model = new ScriptedResponses(r -> r.toolCalls().contains("spawn_worker")
                ? ScriptedResponses.Reply.text("Spawned a worker; I will hear when it ends.")
                : ScriptedResponses.Reply.call("mcp__bosun", "spawn_worker", Map.of("title", "Write the notes",
                        "task", "Write the release notes.", "agent", "demo")))) {
            Map<String, String> env = new HashMap<>(git.env());
            env.putAll(ScriptedResponses.codexEnv(Files.createDirectories(dir.resolve("codex-home"))));
            AgentSetup setup = new AgentSetup(dir.resolve("no-claude").toString(), "acceptEdits", codex,
                    model.codexArgs(), List.of(), env, git.env());
            try (Bosun bosun = Bosun.start(new DataDirectory(dir.resolve("data")), Clock.systemUTC(), setup)) {
                Objective o = bosun.operations().createObjective(new ObjectiveDraft("Notes", "Release notes",
                        origin.toString(), "main", AgentKind.CODEX)).get(10, TimeUnit.SECONDS);

                Session worker = waitFor(Duration.ofSeconds(120), () -> sessions(bosun, o).stream()
                        .filter(s -> s.role() == SessionRole.WORKER && s.status() == SessionStatus.SUCCEEDED)
                        .findFirst().orElse(null), bosun, o);

                Session manager = sessions(bosun, o).get(0);
                assertThat(manager.agent()).isEqualTo(AgentKind.CODEX);
                assertThat(worker.parentSessionId()).isEqualTo(manager.id());
                assertThat(worker.title()).isEqualTo("Write the notes");
                assertThat(worker.resultSummary()).startsWith("Wrote demo/");
                assertThat(model.requests().get(0).allText()).contains("Release notes");
                String transcript = String.join("\n", bosun.database().read(tx -> tx.transcripts()
                        .after(manager.id(), 0, 500)).stream().map(t -> t.content()).toList());
                assertThat(transcript).contains("spawn_worker").contains("Spawned a worker");
            }
        }
    }
    /**
     * A Codex worker runs a shell command in its checkout and commits there; a write to its home never reaches the
     * operator's: Codex's own sandbox (workspace-write) refuses it where one can be made inside Bosun's, Bosun's holds
     * it where not (as root, where Codex runs without its own).
     */
    @Test
    void aCodexWorkersCommandsRunUnderItsOwnSandboxInsideBosuns() throws Exception {
        String codex = CodexCli.binary();
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        String command = "echo sandboxed > inside.txt && git add inside.txt && git commit -qm inside && echo 'inside ok';"
                + " if touch \"$HOME/outside\" 2>/dev/null; then echo 'outside WRITTEN'; else echo 'outside denied'; fi";
        List<String> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedResponses model = new ScriptedResponses(r -> {
            boolean manager = r.toolNames().stream().anyMatch(n -> n.endsWith("spawn_worker"));
            if (manager) {
                return r.toolCalls().contains("spawn_worker") ? ScriptedResponses.Reply.text("Spawned.")
                        : ScriptedResponses.Reply.call("mcp__bosun", "spawn_worker", Map.of("title", "Commit",
                                "task", "Commit a file."));
            }
            if (r.toolCalls().contains("exec_command")) {
                outputs.add(r.lastToolOutput());
                return ScriptedResponses.Reply.text("Committed inside.txt.");
            }
            return ScriptedResponses.Reply.call(null, "exec_command", Map.of("cmd", command, "login", false));
        })) {
            Map<String, String> env = new HashMap<>(git.env());
            env.putAll(ScriptedResponses.codexEnv(Files.createDirectories(dir.resolve("codex-home"))));
            AgentSetup setup = new AgentSetup(dir.resolve("no-claude").toString(), "acceptEdits", codex,
                    model.codexArgs(), List.of(), env, git.env());
            try (Bosun bosun = Bosun.start(new DataDirectory(dir.resolve("data")), Clock.systemUTC(), setup)) {
                Objective o = bosun.operations().createObjective(new ObjectiveDraft("Commit", "Commit a file",
                        origin.toString(), "main", AgentKind.CODEX)).get(10, TimeUnit.SECONDS);
                Session worker = waitFor(Duration.ofSeconds(120), () -> sessions(bosun, o).stream()
                        .filter(s -> s.role() == SessionRole.WORKER && s.status().terminal())
                        .findFirst().orElse(null), bosun, o);

                assertThat(worker.status()).as(worker.resultSummary()).isEqualTo(SessionStatus.SUCCEEDED);
                // its own sandbox refuses the write where one can be made in Bosun's (not as root); else Bosun's
                // takes it into an empty home that is gone with the sandbox
                assertThat(outputs).as("the command's output, as Codex saw it").singleElement().asString()
                        .contains("inside ok").containsAnyOf("outside denied", "outside WRITTEN");
                assertThat(dir.resolve("home/outside")).doesNotExist();
                String checkout = bosun.database().read(tx -> tx.rows().workspaces()).stream()
                        .filter(w -> worker.id().equals(w.sessionId())).findFirst().orElseThrow().path();
                assertThat(git.run(Path.of(checkout), "log", "-1", "--format=%s")).isEqualTo("inside");
            }
        }
    }
}
