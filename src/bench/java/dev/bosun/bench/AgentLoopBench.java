package dev.bosun.bench;

import dev.bosun.domain.Actor;
import dev.bosun.agent.ClaudeCodeAgent;
import dev.bosun.agent.CommandAgent;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.domain.TargetKind;
import dev.bosun.engine.AgentOperations;
import dev.bosun.engine.AgentProviders;
import dev.bosun.engine.Engine;
import dev.bosun.engine.Orchestration;
import dev.bosun.engine.Scheduler;
import dev.bosun.engine.TargetExecutors;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.store.Database;
import dev.bosun.testing.Git;
import dev.bosun.testing.McpHttp;
import dev.bosun.tools.ToolServer;
import dev.bosun.workspace.CheckoutPreparer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two latencies of the agent loop, on a real engine, database, MCP server and processes:
 * <ul>
 *   <li>{@code spawn_worker} over MCP (HTTP round trip, token check, engine operation, transaction);</li>
 *   <li>a worker process's exit to its manager reading the notice on stdin: the worker prints the wall-clock time as
 *       its last act; the manager (a long-lived process reading stdin, as Claude Code does) prints the time each line
 *       arrives. Both print, as agents do, into their transcripts: each runs in its sandbox, with a /tmp of its own.
 *       </li>
 * </ul>
 */
public final class AgentLoopBench {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bosun-agent-bench");
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path manager = dir.resolve("manager.sh");
        Files.writeString(manager, "#!/bin/sh\nwhile IFS= read -r line; do printf 'received %s %s\\n' \"$(date +%s%N)\" "
                + "\"$line\"; done\n");
        manager.toFile().setExecutable(true);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(dir.resolve("bosun.db"), clock); Engine engine = new Engine(clock, 4)) {
            db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dir.resolve("work").toString(),
                    64, Actor.ENGINE));
            db.write(tx -> tx.targets().create("parked", TargetKind.LOCAL, dev.bosun.domain.TargetStatus.OFFLINE, "",
                    "", 0, "", dir.resolve("parked").toString(), 1, "", Actor.ENGINE));
            AgentProviders providers = new AgentProviders()
                    .register(new ClaudeCodeAgent(manager.toString(), List.of(), Map.of()))
                    .register(new CommandAgent(List.of("sh", "-c", "echo \"exited $(date +%s%N)\""),
                            Duration.ofMinutes(1)));
            Orchestration orchestration = new Orchestration(engine, db, providers,
                    new TargetExecutors(dir.resolve("ssh")), new CheckoutPreparer(git.env()),
                    new BranchPublisher(git.env()), Forges.localOnly(new LocalForge(git.env(), dir.resolve("forge"))),
                    (operator, agents) -> ToolServer.start(operator, agents, db, "bench"),
                    SupervisorSettings.DEFAULTS, Scheduler.Settings.DEFAULTS);
            try (ToolServer tools = (ToolServer) orchestration.tools()) {
                orchestration.start();
                spawnRoundTrip(tools, orchestration.agentOperations(), runningManager(orchestration, db, origin),
                        runningManager(orchestration, db, origin));
                // a fresh objective, so the notice's state snapshot is an ordinary one
                Session m = runningManager(orchestration, db, origin);
                notifyLatency(orchestration.agentOperations(), db, m);
            }
        }
    }

    private static Session runningManager(Orchestration orchestration, Database db, Path origin) throws Exception {
        Objective o = orchestration.operations().createObjective(new ObjectiveDraft("bench", "bench",
                origin.toString(), "main", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);
        return waitFor(() -> db.read(tx -> tx.sessions().forObjective(o.id())).stream()
                .filter(s -> s.role() == SessionRole.MANAGER && s.status().wire().equals("running"))
                .findFirst().orElse(null));
    }

    /**
     * Each measurement on its own objective, one call of each in turn, so both see the same growing queue of parked
     * workers (each pass of the scheduler reads all of it) and the same passes.
     */
    private static void spawnRoundTrip(ToolServer tools, AgentOperations agents, Session first, Session second)
            throws Exception {
        var endpoint = tools.grant(second);
        McpHttp client = new McpHttp(endpoint.url(), endpoint.token()).initialize();
        List<Long> direct = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long t0 = System.nanoTime();
            agents.spawnWorker(first.id(), new AgentOperations.WorkerRequest("d" + i, "t", null, List.of(), "parked",
                    List.of(), AgentKind.COMMAND)).get(10, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            // bound to an offline target, the spawned workers only queue
            McpHttp.Reply r = client.callTool("spawn_worker", Map.of("title", "w" + i, "task", "t", "agent",
                    "command", "target", "parked"));
            long t2 = System.nanoTime();
            if (r.isToolError()) {
                throw new IllegalStateException(r.text());
            }
            if (i >= 100) {
                direct.add((t1 - t0) / 1000);
                queued.add((t2 - t1) / 1000);
            }
        }
        List<Long> listed = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long t0 = System.nanoTime();
            client.request("tools/list", Map.of());
            if (i >= 100) {
                listed.add((System.nanoTime() - t0) / 1000);
            }
        }
        report("tools/list MCP round trip (no engine)", listed);
        report("spawn_worker engine operation (no MCP)", direct);
        report("spawn_worker MCP round trip", queued);
        double mcp = median(queued) / 1000.0;
        BenchSummary.add("spawn_worker MCP round trip, p50", mcp, "ms", "the same engine operation without MCP, p50",
                median(direct) / 1000.0, "≤ 5 ms", mcp <= 5);
    }

    private static void notifyLatency(AgentOperations agents, Database db, Session manager) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            Session worker = agents.spawnWorker(manager.id(), new AgentOperations.WorkerRequest("n" + i, "t", null,
                    List.of(), null, List.of(), AgentKind.COMMAND)).get(10, TimeUnit.SECONDS);
            String marker = "\\\"n" + i + "\\\" ("; // the notice names the worker: Worker \"n7\" (ses_…)
            long recvNanos = stamp(db, manager.id(), "received ", marker);
            long exitNanos = stamp(db, worker.id(), "exited ", "");
            if (i > 0) { // the first run warms up
                micros.add((recvNanos - exitNanos) / 1000);
            }
        }
        report("worker exit -> manager stdin", micros);
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1000.0;
        BenchSummary.add("worker exit -> manager's stdin, p50", p50, "ms", "≤ 50 ms", p50 <= 50);
    }

    /** The time a session printed on the transcript line that starts with {@code prefix} and holds {@code marker}. */
    private static long stamp(Database db, String sessionId, String prefix, String marker) throws Exception {
        String line = waitFor(() -> db.read(tx -> tx.transcripts().after(sessionId, 0, 10_000)).stream()
                .map(e -> e.content()).filter(c -> c.startsWith(prefix) && c.contains(marker)).findFirst()
                .orElse(null));
        String rest = line.substring(prefix.length());
        int end = rest.indexOf(' ');
        return Long.parseLong((end < 0 ? rest : rest.substring(0, end)).strip());
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Prints the median, p99 and max of {@code micros} as milliseconds. */
    static void report(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d median %.2f ms, p99 %.2f ms, max %.2f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) Math.floor(sorted.size() * 0.99)) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    static <T> T waitFor(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("timed out");
    }
}
