package dev.bosun.app;

import static dev.bosun.testing.ScriptedModel.Reply.text;
import static dev.bosun.testing.ScriptedModel.Reply.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.testing.ClaudeCli;
import dev.bosun.testing.TestSshd;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import dev.bosun.testing.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with the real Claude Code CLI as manager and worker, against a scripted model: Bosun serves the MCP
 * tools, runs the agents in real checkouts, and the work ends as a merged pull request in a real origin.
 */
class ClaudeEndToEndTest {
    private static final Pattern WORKER_SUCCEEDED = Pattern.compile("Worker \"[^\"]*\" \\(([a-z0-9_]+)\\) succeeded");

    @TempDir
    Path dir;
    String claude;
    Git git;
    Path origin;

    @BeforeEach
    void setUp() throws Exception {
        claude = ClaudeCli.binary();
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
    }

    Bosun start(ScriptedModel model, Clock clock) throws Exception {
        return start(model, clock, claude);
    }

    /** With {@code program} as the CLI to run: a path, or a name each target looks up on its own PATH. */
    Bosun start(ScriptedModel model, Clock clock, String program) throws Exception {
        AgentSetup setup = AgentSetup.claude(program, ClaudeCli.env(model, Files.createDirectories(dir.resolve("claude")),
                git.env()), git.env());
        // a known_hosts of the test's own: the test hosts get new keys each time they start
        return Bosun.start(new DataDirectory(dir.resolve("data")), clock, setup, dir.resolve("known_hosts"));
    }

    @Test
    void aManagerSpawnsAWorkerWhoseCommitEndsAsAMergedPullRequest() throws Exception {
        try (ScriptedModel model = new ScriptedModel(c -> {
            List<String> calls = c.toolCalls();
            if (c.firstUserText().contains("WORKER-TASK")) {
                if (!calls.contains("Bash")) {
                    return tool("Bash", Map.of("command", "printf 'hello from the worker\\n' > hello.txt && git add "
                            + "hello.txt && git commit -q -m 'Add hello.txt'", "description", "Write and commit"));
                }
                return calls.contains("mcp__bosun__report_result") ? text("Done.")
                        : tool("mcp__bosun__report_result", Map.of("summary", "Added hello.txt in one commit"));
            }
            if (!calls.contains("mcp__bosun__spawn_worker")) {
                return tool("mcp__bosun__spawn_worker", Map.of("title", "Add hello.txt", "task",
                        "WORKER-TASK: add hello.txt and commit it"));
            }
            Matcher done = WORKER_SUCCEEDED.matcher(c.lastUserText());
            if (done.find() && !calls.contains("mcp__bosun__publish_pr")) {
                return tool("mcp__bosun__publish_pr", Map.of("worker_id", done.group(1), "title", "Add hello.txt",
                        "body", "Adds a greeting."));
            }
            if (c.lastUserText().contains("was merged into")) {
                return tool("mcp__bosun__mark_objective_done", Map.of("summary", "hello.txt is on main"));
            }
            return text("Waiting.");
        }); Bosun bosun = start(model, Clock.systemUTC())) {
            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Greeting", "MANAGER: add a greeting",
                    origin.toString(), "main", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);

            PullRequest pr = waitFor(Duration.ofSeconds(120), () -> bosun.database().read(tx ->
                    tx.pullRequests().forObjective(o.id())).stream().findFirst().orElse(null), bosun, o);
            assertThat(git.run(origin, "show", pr.branch() + ":hello.txt")).isEqualTo("hello from the worker");
            assertThat(git.run(origin, "rev-parse", pr.branch())).isEqualTo(pr.headSha());
            Session worker = sessions(bosun, o).stream().filter(s -> s.role() == SessionRole.WORKER).findFirst()
                    .orElseThrow();
            assertThat(worker.status()).isEqualTo(SessionStatus.SUCCEEDED);
            assertThat(worker.resultSummary()).isEqualTo("Added hello.txt in one commit");

            bosun.operations().mergePullRequest(pr.id()).get(60, TimeUnit.SECONDS);

            waitFor(Duration.ofSeconds(60), () -> objective(bosun, o).status() == ObjectiveStatus.SUCCEEDED ? true
                    : null, bosun, o);
            assertThat(git.run(origin, "show", "main:hello.txt")).isEqualTo("hello from the worker");
            waitFor(Duration.ofSeconds(30), () -> sessions(bosun, o).stream().allMatch(s -> s.status().terminal())
                    ? true : null, bosun, o);
            assertThat(sessions(bosun, o)).allMatch(s -> s.status() == SessionStatus.SUCCEEDED);
        }
    }

    /**
     * Across two test hosts that are elsewhere: the manager runs on host A, its worker asks for label "b" and runs on
     * host B, each in a checkout that only its host sees, and the worker's commit ends in a pull request.
     */
    @Test
    void aManagerOnOneHostSpawnsAWorkerOnAnotherByItsLabel() throws Exception {
        TestSshd.Host a = TestSshd.a();
        TestSshd.Host b = TestSshd.b();
        try (ScriptedModel model = new ScriptedModel(c -> {
            List<String> calls = c.toolCalls();
            if (c.firstUserText().contains("WORKER-TASK")) {
                if (!calls.contains("Bash")) {
                    return tool("Bash", Map.of("command", "printf 'made on host b\\n' > b.txt && git add b.txt && "
                            + "git commit -q -m 'Add b.txt'", "description", "Write and commit"));
                }
                return calls.contains("mcp__bosun__report_result") ? text("Done.")
                        : tool("mcp__bosun__report_result", Map.of("summary", "Added b.txt"));
            }
            if (!calls.contains("mcp__bosun__spawn_worker")) {
                return tool("mcp__bosun__spawn_worker", Map.of("title", "Add b.txt", "task",
                        "WORKER-TASK: add b.txt and commit it", "labels", List.of("b")));
            }
            Matcher done = WORKER_SUCCEEDED.matcher(c.lastUserText());
            if (done.find() && !calls.contains("mcp__bosun__publish_pr")) {
                return tool("mcp__bosun__publish_pr", Map.of("worker_id", done.group(1), "title", "Add b.txt",
                        "body", "Made on host b."));
            }
            return text("Waiting.");
        }); Bosun bosun = start(model, Clock.systemUTC(), "claude")) { // each host has its own, on its PATH
            List<String> roots = new java.util.ArrayList<>();
            for (var host : List.of(a, b)) {
                String root = host.freshWorkRoot();
                roots.add(root);
                String name = host == a ? "a" : "b";
                dev.bosun.exec.SshTarget t = host.target();
                dev.bosun.domain.Target added = bosun.operations().targets().add(
                        new dev.bosun.engine.TargetOperations.SshTargetSpec("host-" + name, t.host(), t.user(),
                                t.port(), t.identityFile(), root, 2, name)).get(60, TimeUnit.SECONDS);
                String doctor = bosun.database().read(tx -> tx.targets().doctorReport(added.id()));
                assertThat(added.status()).as(doctor).isEqualTo(dev.bosun.domain.TargetStatus.ONLINE);
                // the host's own CLI, which this machine cannot see (nor run, should a launch go astray)
                assertThat(doctor).contains("claude at " + TestSshd.HOST_TOOLS + "/bin/claude");
                assertThat(Path.of(TestSshd.HOST_TOOLS, "bin", "claude")).doesNotExist();
            }
            String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
            bosun.operations().targets().setStatus(local, dev.bosun.domain.TargetStatus.DISABLED)
                    .get(10, TimeUnit.SECONDS);
            // the manager goes to the host with the most free slots, A or B; for this test, A
            String hostB = bosun.database().read(tx -> tx.targets().byName("host-b")).orElseThrow().id();
            bosun.operations().targets().setStatus(hostB, dev.bosun.domain.TargetStatus.DRAINING)
                    .get(10, TimeUnit.SECONDS);
            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Two hosts", "MANAGER: use host b",
                    origin.toString(), "main", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> sessions(bosun, o).get(0).status() == SessionStatus.RUNNING
                    ? true : null, bosun, o);
            bosun.operations().targets().setStatus(hostB, dev.bosun.domain.TargetStatus.ONLINE)
                    .get(10, TimeUnit.SECONDS);

            PullRequest pr = waitFor(Duration.ofSeconds(120), () -> bosun.database().read(tx ->
                    tx.pullRequests().forObjective(o.id())).stream().findFirst().orElse(null), bosun, o);
            assertThat(git.run(origin, "show", pr.branch() + ":b.txt")).isEqualTo("made on host b");
            Session manager = sessions(bosun, o).stream().filter(s -> s.role() == SessionRole.MANAGER).findFirst()
                    .orElseThrow();
            Session worker = sessions(bosun, o).stream().filter(s -> s.role() == SessionRole.WORKER).findFirst()
                    .orElseThrow();
            String hostA = bosun.database().read(tx -> tx.targets().byName("host-a")).orElseThrow().id();
            assertThat(manager.targetId()).isEqualTo(hostA);
            assertThat(worker.targetId()).isEqualTo(hostB);
            String checkout = bosun.database().read(tx -> tx.workspaces().byId(worker.workspaceId())).orElseThrow()
                    .path();
            assertThat(checkout).startsWith(roots.get(1));
            assertThat(b.has(checkout + "/b.txt")).as("the worker's checkout is on host B").isTrue();
            assertThat(a.has(checkout)).as("and not on host A").isFalse();
            assertThat(Path.of(checkout)).as("nor here").doesNotExist();
        }
    }

    @Test
    void aQuietManagerIsPokedOnItsStdinAndActs() throws Exception {
        ManualClock clock = new ManualClock();
        try (ScriptedModel model = new ScriptedModel(c -> {
            if (c.lastUserText().contains("Bosun supervisor:") && !c.toolCalls().contains("mcp__bosun__create_note")) {
                return tool("mcp__bosun__create_note", Map.of("text", "poked, and acting on it"));
            }
            return text("Thinking about it.");
        }); Bosun bosun = start(model, clock)) {
            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Quiet", "MANAGER: plan the work",
                    origin.toString(), "main", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> model.conversations().isEmpty() ? null : true, bosun, o);
            waitFor(Duration.ofSeconds(60), () -> sessions(bosun, o).get(0).activity() != null
                    && sessions(bosun, o).get(0).activity().startsWith("idle") ? true : null, bosun, o);

            clock.advance(Duration.ofSeconds(120)); // quiet past the supervisor's idle threshold

            AuditEvent note = waitFor(Duration.ofSeconds(60), () -> bosun.database().read(tx ->
                    tx.audit().forObjective(o.id())).stream().filter(e -> e.type().equals("note")).findFirst()
                    .orElse(null), bosun, o);
            assertThat(note.summary()).isEqualTo("poked, and acting on it");
            String seenByModel = model.conversations().stream()
                    .filter(c -> c.lastUserText().contains("Bosun supervisor:")).findFirst().orElseThrow()
                    .lastUserText();
            assertThat(seenByModel).contains("MANAGER: plan the work").contains("Workers:\n- none spawned yet");
        }
    }

    static List<Session> sessions(Bosun bosun, Objective o) {
        return bosun.database().read(tx -> tx.sessions().forObjective(o.id()));
    }

    static Objective objective(Bosun bosun, Objective o) {
        return bosun.database().read(tx -> tx.objectives().byId(o.id())).orElseThrow();
    }

    /** Waits for a non-null value; on timeout fails with the objective's audit trail, which says what happened. */
    static <T> T waitFor(Duration timeout, Supplier<T> probe, Bosun bosun, Objective o) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(50); // polling a condition, with a deadline
        }
        StringBuilder trail = new StringBuilder();
        bosun.database().read(tx -> tx.audit().forObjective(o.id())).forEach(e -> trail.append('\n')
                .append(e.type()).append(": ").append(e.summary()));
        for (Session s : sessions(bosun, o)) {
            trail.append("\n--- transcript of ").append(s.title());
            bosun.database().read(tx -> tx.transcripts().after(s.id(), 0, 200)).forEach(t -> trail.append('\n')
                    .append(t.kind()).append(": ").append(t.content()));
        }
        throw new AssertionError("not within " + timeout + "; audit trail:" + trail);
    }
}
