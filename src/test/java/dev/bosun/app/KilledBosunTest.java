package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.agent.LeftBehind;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.testing.Git;
import dev.bosun.testing.JavaProcess;
import dev.bosun.testing.McpHttp;
import dev.bosun.testing.TestSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a headless Bosun whose agents run here and on a test host: they outlive it (each leads its own
 * process group and ignores its closed input, as an agent mid-turn does). The next Bosun on the same data folder
 * restarts both sessions, and afterwards exactly one agent works for each: the one it started.
 */
class KilledBosunTest {
    @TempDir
    Path dir;

    @Test
    void afterAKillNineAndARestartEachSessionHasExactlyOneAgentHereAndOnTheHost() throws Exception {
        TestSshd.Host host = TestSshd.a();
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path data = dir.resolve("data");
        Map<String, String> env = new java.util.HashMap<>(git.env());
        env.put("BOSUN_COMMAND_AGENT", "sleep 600"); // reads nothing: it outlives a closed input
        env.put("BOSUN_SSH_KNOWN_HOSTS", dir.resolve("known_hosts").toString()); // the test host's keys are new each run
        String[] args = {"--headless", "--data-dir", data.toString()};
        List<String> sessions = new ArrayList<>();
        try {
            Map<String, Long> before = new java.util.HashMap<>();
            try (JavaProcess first = JavaProcess.start(Launcher.class, env, args)) {
                first.awaitLine(l -> l.startsWith("Bosun running headless"), Duration.ofSeconds(60));
                McpHttp operator = operator(data);
                sessions.add(managerOf(operator, objective(operator, "Here", origin)));
                JsonNode box = McpHttp.JSON.readTree(operator.callTool("add_target", Map.of("name", "a", "host",
                        host.target().host(), "port", host.target().port(), "user", host.target().user(),
                        "identity_file", host.target().identityFile(), "work_root", host.freshWorkRoot())).text());
                assertThat(box.path("status").asText()).as(box.toString()).isEqualTo("online");
                operator.callTool("disable_target", Map.of("target", "local"));
                sessions.add(managerOf(operator, objective(operator, "There", origin)));
                operator.callTool("enable_target", Map.of("target", "local"));
                for (String s : sessions) {
                    before.put(s, await(() -> single(groups(s)), "the agent of " + s));
                }

                first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: nothing cleans up
            }
            for (String s : sessions) {
                assertThat(groups(s)).as("the agent of " + s + " outlived its Bosun").containsExactly(before.get(s));
            }

            try (JavaProcess second = JavaProcess.start(Launcher.class, env, args)) {
                second.awaitLine(l -> l.startsWith("Bosun running headless"), Duration.ofSeconds(60));
                for (String s : sessions) {
                    long now = await(() -> {
                        List<Long> l = groups(s);
                        return l.size() == 1 && !l.contains(before.get(s)) ? l.get(0) : null;
                    }, "one new agent of " + s + " and the old one gone");
                    assertThat(now).isNotEqualTo(before.get(s));
                }
                for (String s : sessions) {
                    assertThat(groups(s)).as("exactly one agent for " + s).hasSize(1);
                }
                second.process().destroy();
                second.awaitExit(Duration.ofSeconds(30));
            }
        } finally {
            for (String s : sessions) {
                LeftBehind.kill(new LocalExecutor(), s); // the host shares this machine's pid namespace
            }
            // the killed Bosun's ssh clients (its tunnel) outlive it too; they name this test's known_hosts
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                    .contains(dir.resolve("known_hosts").toString())).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * The ssh connection of an agent on the host drops (its ssh client is killed; the agent goes on there): Bosun
     * notices, stops what still runs there and starts the session again, with one agent, not two.
     */
    @Test
    void aLostConnectionToTheHostRestartsTheSessionThereWithoutATwin() throws Exception {
        TestSshd.Host host = TestSshd.a();
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        AgentSetup agents = new AgentSetup(dir.resolve("no-claude").toString(), "acceptEdits", "codex", List.of(),
                List.of("sleep", "600"), git.env(), git.env());
        String session = null;
        try (Bosun bosun = Bosun.start(new DataDirectory(dir.resolve("data")), java.time.Clock.systemUTC(), agents,
                dir.resolve("known_hosts"))) {
            var ssh = host.target();
            bosun.operations().targets().add(new dev.bosun.engine.TargetOperations.SshTargetSpec("a", ssh.host(),
                    ssh.user(), ssh.port(), ssh.identityFile(), host.freshWorkRoot(), 2, "")).get(60, TimeUnit.SECONDS);
            String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
            bosun.operations().targets().setStatus(local, dev.bosun.domain.TargetStatus.DISABLED)
                    .get(10, TimeUnit.SECONDS);
            var o = bosun.operations().createObjective(new dev.bosun.domain.ObjectiveDraft("There", "Keep working.",
                    origin.toString(), "main", dev.bosun.domain.AgentKind.COMMAND)).get(10, TimeUnit.SECONDS);
            String id = await(() -> bosun.database().read(tx -> tx.sessions().forObjective(o.id())).stream()
                    .filter(x -> x.status() == dev.bosun.domain.SessionStatus.RUNNING).map(x -> x.id()).findFirst()
                    .orElse(null), "the manager running on the host");
            session = id;
            long before = await(() -> single(groups(id)), "its agent on the host");
            ProcessHandle client = ProcessHandle.current().descendants().filter(p -> {
                try {
                    String cmd = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
                    return cmd.startsWith("ssh\0") && cmd.contains("sleep") && cmd.contains("600");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no ssh client of the agent"));

            client.destroyForcibly(); // the connection drops; the agent on the host does not notice

            long after = await(() -> {
                List<Long> g = groups(id);
                return g.size() == 1 && !g.contains(before) ? g.get(0) : null;
            }, "one new agent on the host and the old one gone");
            assertThat(after).isNotEqualTo(before);
            var transcript = bosun.database().read(tx -> tx.transcripts().after(id, 0, 1000));
            assertThat(transcript).anySatisfy(e -> assertThat(e.content()).contains("connection to its host was lost"));
            assertThat(bosun.database().read(tx -> tx.sessions().byId(id)).orElseThrow().status())
                    .isEqualTo(dev.bosun.domain.SessionStatus.RUNNING);
        } finally {
            if (session != null) {
                LeftBehind.kill(new LocalExecutor(), session);
            }
        }
    }

    private static McpHttp operator(Path data) throws Exception {
        Map<String, String> kv = new java.util.HashMap<>();
        Files.readAllLines(data.resolve("operator/mcp-operator.txt")).forEach(l -> kv.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return new McpHttp(kv.get("url"), kv.get("token")).initialize();
    }

    private static String objective(McpHttp operator, String title, Path origin) throws Exception {
        var made = operator.callTool("create_objective", Map.of("title", title, "prompt", "Keep working.",
                "repository", origin.toString(), "agent", "command"));
        assertThat(made.isToolError()).as(made.text()).isFalse();
        return McpHttp.JSON.readTree(made.text()).path("id").asText();
    }

    private static String managerOf(McpHttp operator, String objectiveId) throws Exception {
        return await(() -> {
            JsonNode o = McpHttp.JSON.readTree(operator.callTool("get_objective", Map.of("objective_id",
                    objectiveId)).text());
            for (JsonNode s : o.path("sessions")) {
                if (s.path("role").asText().equals("manager") && s.path("status").asText().equals("running")) {
                    return s.path("id").asText();
                }
            }
            return null;
        }, "the manager of " + objectiveId + " running");
    }

    private static Long single(List<Long> pids) {
        return pids.size() == 1 ? pids.get(0) : null;
    }

    /** The process groups anywhere on this machine (the test host's too) that hold a process carrying the session. */
    static List<Long> groups(String sessionId) throws java.io.IOException {
        String want = LeftBehind.SESSION_VARIABLE + "=" + sessionId;
        java.util.Set<Long> groups = new java.util.TreeSet<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    if (java.util.Arrays.asList(new String(Files.readAllBytes(p.resolve("environ")),
                            StandardCharsets.UTF_8).split("\0")).contains(want)) {
                        String stat = Files.readString(p.resolve("stat"));
                        groups.add(Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]));
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // it has just exited
                }
            }
        }
        return new ArrayList<>(groups);
    }

    private static <T> T await(ThrowingSupplier<T> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            T v = condition.get();
            if (v != null) {
                return v;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000); // a probe reads /proc or calls a tool
        }
        throw new AssertionError("not within 90 s: " + what);
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
