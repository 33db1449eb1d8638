package dev.bosun.bench;

import dev.bosun.agent.CommandAgent;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.domain.TargetKind;
import dev.bosun.engine.AgentProviders;
import dev.bosun.engine.Engine;
import dev.bosun.engine.Orchestration;
import dev.bosun.engine.Scheduler;
import dev.bosun.engine.TargetExecutors;
import dev.bosun.exec.Command;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Running;
import dev.bosun.exec.Sandbox;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.store.Database;
import dev.bosun.testing.Git;
import dev.bosun.testing.McpHttp;
import dev.bosun.tools.Surface;
import dev.bosun.tools.ToolServer;
import dev.bosun.workspace.CheckoutPreparer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An agent prints 300,000 lines as fast as it can (in its sandbox, on a real engine, database and MCP server) while
 * the operator calls: an engine-bound tool ({@code force_poke}, refused on the engine thread) and a read
 * ({@code list_objectives}). Reports their latency, the lines stored per second, the engine thread's longest queue and
 * the heap; then what the sandbox adds to an agent's start.
 */
public final class FloodBench {
    private static final int LINES = 300_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bosun-flood-bench");
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(dir.resolve("bosun.db"), clock); Engine engine = new Engine(clock, 4)) {
            db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dir.resolve("work").toString(),
                    4, Actor.ENGINE));
            AgentProviders providers = new AgentProviders().register(new CommandAgent(List.of("sh", "-c",
                    "yes 'a line of an agent that will not stop talking' | head -n " + LINES), Duration.ofMinutes(10)));
            Orchestration orchestration = new Orchestration(engine, db, providers,
                    new TargetExecutors(dir.resolve("ssh")), new CheckoutPreparer(git.env()),
                    new BranchPublisher(git.env()), Forges.localOnly(new LocalForge(git.env(), dir.resolve("forge"))),
                    (operator, agents) -> ToolServer.start(operator, agents, db, "bench"),
                    SupervisorSettings.DEFAULTS, Scheduler.Settings.DEFAULTS);
            try (ToolServer tools = (ToolServer) orchestration.tools()) {
                orchestration.start();
                Path token = dir.resolve("operator/mcp-operator.txt");
                tools.writeOperatorToken(token);
                Map<String, String> kv = new java.util.HashMap<>();
                Files.readAllLines(token).forEach(l -> kv.put(l.substring(0, l.indexOf('=')),
                        l.substring(l.indexOf('=') + 1)));
                McpHttp operator = new McpHttp(tools.url(Surface.OPERATOR), kv.get("token")).initialize();
                for (int i = 0; i < 200; i++) { // warm up
                    operator.callTool("force_poke", Map.of("objective_id", "obj_none"));
                    operator.callTool("list_objectives", Map.of());
                }
                flood(orchestration, db, engine, operator, origin);
            }
        }
        sandboxStart();
    }

    private static void flood(Orchestration orchestration, Database db, Engine engine, McpHttp operator, Path origin)
            throws Exception {
        Objective o = orchestration.operations().createObjective(new ObjectiveDraft("flood", "flood",
                origin.toString(), "main", AgentKind.COMMAND)).get(10, TimeUnit.SECONDS);
        Session s = AgentLoopBench.waitFor(() -> db.read(tx -> tx.sessions().forObjective(o.id())).stream()
                .filter(x -> x.status().wire().equals("running")).findFirst().orElse(null));
        long t0 = System.nanoTime();
        List<Long> engineBound = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        int maxQueue = 0;
        long maxHeap = 0;
        var memory = ManagementFactory.getMemoryMXBean();
        while (db.read(tx -> tx.transcripts().lastSeq(s.id())) < LINES) {
            long a = System.nanoTime();
            operator.callTool("force_poke", Map.of("objective_id", "obj_none"));
            long b = System.nanoTime();
            operator.callTool("list_objectives", Map.of());
            long c = System.nanoTime();
            engineBound.add((b - a) / 1000);
            reads.add((c - b) / 1000);
            maxQueue = Math.max(maxQueue, engine.queued());
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("the flood was not stored within 5 minutes");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        System.out.printf("flood: %,d lines stored in %.1f s: %,.0f lines/s; engine queue max %d tasks; heap max %d MiB"
                + " (after GC %d MiB)%n", LINES, seconds, LINES / seconds, maxQueue, maxHeap >> 20,
                memory.getHeapMemoryUsage().getUsed() >> 20);
        AgentLoopBench.report("operator force_poke (engine-bound) during the flood", engineBound);
        List<Long> sortedBound = new ArrayList<>(engineBound);
        java.util.Collections.sort(sortedBound);
        double p99 = sortedBound.get((int) Math.floor(sortedBound.size() * 0.99)) / 1000.0;
        BenchSummary.add("operator call p99 while an agent prints " + LINES / 1000 + "k lines", p99, "ms",
                "≤ 200 ms", p99 <= 200);
        BenchSummary.add("transcript lines stored per second during that flood", LINES / seconds, "lines/s",
                "≥ 10,000 lines/s", LINES / seconds >= 10_000);
        AgentLoopBench.report("operator list_objectives (read) during the flood", reads);
    }

    /**
     * An agent's start to its end, for {@code true}: plain, and in the sandbox; here, and on the test host
     * ({@code BOSUN_TEST_SSH}) over ssh, as Bosun starts agents there (its connection already open).
     */
    private static void sandboxStart() throws Exception {
        LocalExecutor local = new LocalExecutor();
        var sandboxed = new Sandbox(List.of()).around(local);
        List<Map.Entry<String, dev.bosun.exec.Executor>> ways = new ArrayList<>(List.of(
                Map.entry("agent start, plain", (dev.bosun.exec.Executor) local),
                Map.entry("agent start, in the sandbox", sandboxed)));
        String spec = System.getenv("BOSUN_TEST_SSH");
        if (spec != null && !spec.isBlank()) {
            String[] p = spec.split(":", 5);
            Path scratch = java.nio.file.Files.createTempDirectory("bosun-bench-ssh");
            var host = new dev.bosun.exec.SshExecutor(new dev.bosun.exec.SshTarget(p[0], p[2], Integer.parseInt(p[1]),
                    p[3]), scratch.resolve("cm"), scratch.resolve("known_hosts"));
            ways.add(Map.entry("agent start on the test host over ssh, plain", host));
            ways.add(Map.entry("agent start on the test host over ssh, in the sandbox",
                    new Sandbox(List.of()).around(host)));
        } else {
            System.out.println("(no BOSUN_TEST_SSH: the remote agent start was not measured)");
        }
        Map<String, Double> medians = new java.util.HashMap<>();
        for (var e : ways) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                long t0 = System.nanoTime();
                Running r = e.getValue().start(Command.of("true").asAgent(), false, l -> { }, l -> { });
                r.exit().get(30, TimeUnit.SECONDS);
                if (i >= 20) {
                    micros.add((System.nanoTime() - t0) / 1000);
                }
            }
            AgentLoopBench.report(e.getKey(), micros);
            medians.put(e.getKey(), AgentLoopBench.median(micros) / 1000.0);
        }
        double plain = medians.get("agent start, plain");
        double boxed = medians.get("agent start, in the sandbox");
        BenchSummary.add("agent start in the sandbox, p50", boxed, "ms", "the same start unsandboxed, p50", plain,
                "≤ 50 ms", boxed <= 50);
    }
}
