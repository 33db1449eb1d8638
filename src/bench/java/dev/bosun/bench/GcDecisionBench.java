package dev.bosun.bench;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.ReclaimCandidate;
import dev.bosun.domain.ReclaimDecision;
import dev.bosun.domain.ReclaimPolicy;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.store.Workspaces.GcFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** GC decision time for 50,000 unarchived workspaces: the set-based load of their facts plus the policy. */
public final class GcDecisionBench {
    static final int WORKSPACES = 50_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bosun-gc-bench");
        try (Database db = Database.open(dir.resolve("bosun.db"), Clock.systemUTC())) {
            Random rnd = new Random(7);
            db.write(tx -> {
                Target t = tx.targets().create("local", TargetKind.LOCAL, "", "", 0, "/srv/work", 8, Actor.ENGINE);
                Objective o = null;
                for (int i = 0; i < WORKSPACES; i++) {
                    if (i % 10 == 0) {
                        o = tx.objectives().create(new ObjectiveDraft("o" + i, "p", "/repo", "", AgentKind.CLAUDE),
                                Actor.ENGINE);
                        if (rnd.nextInt(3) == 0) {
                            tx.objectives().transition(o.id(), ObjectiveStatus.SUCCEEDED, null, Actor.ENGINE);
                        }
                    }
                    Session s = tx.sessions().create(new NewSession(o.id(), null, i % 10 == 0 ? SessionRole.MANAGER
                            : SessionRole.WORKER, AgentKind.CODEX, SessionMode.NON_INTERACTIVE, "s", "g", List.of()),
                            Actor.ENGINE);
                    var w = tx.workspaces().create(o.id(), s.id(), t.id(), WorkspaceKind.ISOLATED,
                            "/srv/work/" + s.id(), "/repo", "origin/main", "b" + i, Actor.ENGINE);
                    tx.workspaces().markReady(w.id(), "/srv/work/" + s.id(), "b" + i, "origin/main", "abc", Actor.ENGINE);
                    tx.sessions().bindWorkspace(s.id(), w.id());
                    tx.sessions().transition(s.id(), SessionStatus.STARTING, null, Actor.ENGINE);
                    tx.sessions().transition(s.id(), SessionStatus.RUNNING, null, Actor.ENGINE);
                    if (rnd.nextInt(4) != 0) {
                        tx.sessions().transition(s.id(), SessionStatus.SUCCEEDED, null, Actor.ENGINE);
                    }
                }
                return null;
            });
            List<Double> times = new ArrayList<>();
            int reclaim = 0;
            for (int round = 0; round < 8; round++) {
                long t0 = System.nanoTime();
                List<GcFacts> facts = db.read(tx -> tx.workspaces().gcCandidates());
                reclaim = 0;
                for (GcFacts f : facts) {
                    ReclaimDecision d = ReclaimPolicy.decide(new ReclaimCandidate(f.id(), f.status(),
                            f.objectiveStatus(), f.ownerRole(), f.ownerStatus(), f.ownerHasPullRequest(),
                            f.liveUsers(), f.liveInheritors(), f.targetExists(), ReclaimCandidate.Commits.NONE));
                    reclaim += d instanceof ReclaimDecision.Reclaim ? 1 : 0;
                }
                times.add((System.nanoTime() - t0) / 1e6);
            }
            List<Double> warm = new ArrayList<>(times.subList(3, times.size()));
            Collections.sort(warm);
            List<Double> scans = new ArrayList<>();
            String targetId = db.read(tx -> tx.targets().byName("local")).orElseThrow().id();
            for (int round = 0; round < 8; round++) { // the baseline: the id and path of each, nothing joined
                long t0 = System.nanoTime();
                db.read(tx -> tx.workspaces().onDisk(targetId));
                if (round >= 3) {
                    scans.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(scans);
            BenchSummary.add("GC decisions, 50,000 workspaces (load facts + decide), median", warm.get(2), "ms",
                    "reading the id and path of each (onDisk)", scans.get(2), "≤ 100 ms", warm.get(2) <= 100);
            System.out.printf("GC decisions for %,d workspaces (load facts + decide, before probes): median %.0f ms"
                    + " over 5 warm rounds %s; %,d would be reclaimed%n", WORKSPACES, warm.get(2), warm, reclaim);
        }
    }
}
