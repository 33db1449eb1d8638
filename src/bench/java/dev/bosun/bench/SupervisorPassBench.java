package dev.bosun.bench;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.store.Database;
import dev.bosun.store.NaiveSupervisionLoader;
import dev.bosun.store.NewSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One supervisor pass (load the snapshot of every live objective, then decide) over 1,000 active objectives, 20,000
 * sessions and 5,000 PRs in SQLite: the set-based loader against a loader that queries per objective.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class SupervisorPassBench {
    static final int OBJECTIVES = 1000;
    static final int SESSIONS_PER_OBJECTIVE = 20;
    static final int PRS_PER_OBJECTIVE = 5;

    Path dir;
    Database db;
    SupervisorPolicy policy = new SupervisorPolicy(SupervisorSettings.DEFAULTS);
    Instant now;

    @Setup(Level.Trial)
    public void populate() throws Exception {
        dir = Files.createTempDirectory("bosun-bench");
        db = Database.open(dir.resolve("bosun.db"), Clock.systemUTC());
        Random rnd = new Random(42);
        db.write(tx -> {
            for (int i = 0; i < OBJECTIVES; i++) {
                Objective o = tx.objectives().create(new ObjectiveDraft("objective " + i, "prompt " + i,
                        "git@example.com:a/r" + (i % 50) + ".git", "", AgentKind.CLAUDE), Actor.ENGINE);
                for (int s = 0; s < SESSIONS_PER_OBJECTIVE; s++) {
                    SessionRole role = s == 0 ? SessionRole.MANAGER : SessionRole.WORKER;
                    Session session = tx.sessions().create(new NewSession(o.id(), null, role, AgentKind.CODEX,
                            SessionMode.NON_INTERACTIVE, "session " + s, "goal", List.of()), Actor.ENGINE);
                    tx.sessions().transition(session.id(), SessionStatus.STARTING, null, Actor.ENGINE);
                    tx.sessions().transition(session.id(), SessionStatus.RUNNING, null, Actor.ENGINE);
                    boolean stillRuns = role == SessionRole.MANAGER ? rnd.nextInt(4) != 0 : rnd.nextInt(40) == 0;
                    if (!stillRuns) {
                        tx.sessions().transition(session.id(), rnd.nextInt(5) == 0 ? SessionStatus.FAILED
                                : SessionStatus.SUCCEEDED, "done", Actor.ENGINE);
                        tx.sessions().setResultSummary(session.id(), "result of session " + s);
                    }
                }
                for (int p = 0; p < PRS_PER_OBJECTIVE; p++) {
                    var pr = tx.pullRequests().create(o.id(), null, "acme/r" + (i % 50), i * 10 + p, "",
                            "PR " + p, "bosun/b" + i + "-" + p, "main", PullRequestStatus.OPEN, Actor.ENGINE);
                    if (rnd.nextInt(3) != 0) {
                        tx.pullRequests().transition(pr.id(), PullRequestStatus.MERGED, null, Actor.ENGINE);
                    }
                    tx.pullRequests().setChecks(pr.id(), ChecksState.PASSING);
                }
            }
            return null;
        });
        now = Instant.now().plusSeconds(3600);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs both passes under JMH and adds their medians to the summary. */
    static void run() throws Exception {
        java.util.Map<String, Double> p50 = new java.util.HashMap<>();
        for (org.openjdk.jmh.results.RunResult r : new org.openjdk.jmh.runner.Runner(
                new org.openjdk.jmh.runner.options.OptionsBuilder().include(SupervisorPassBench.class.getName())
                        .build()).run()) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            p50.put(method, r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        double set = p50.get("setBasedPass");
        double naive = p50.get("naivePerObjectivePass");
        BenchSummary.add("supervisor pass p50 (1,000 objectives, 20,000 sessions, 5,000 PRs)", set, "ms",
                "per-objective loader p50", naive, "≤ 5 ms and ratio ≤ 0.05 (20x)", set <= 5 && set / naive <= 0.05);
    }

    @Benchmark
    public List<SupervisorAction> setBasedPass() {
        List<SupervisedObjective> snapshot = db.read(tx -> tx.supervision().liveObjectives());
        return policy.decide(snapshot, now);
    }

    @Benchmark
    public List<SupervisorAction> naivePerObjectivePass() {
        List<SupervisedObjective> snapshot = db.read(NaiveSupervisionLoader::load);
        return policy.decide(snapshot, now);
    }
}
