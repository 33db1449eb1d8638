package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Running;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.testing.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random histories of objectives, sessions (sharing and inheriting checkouts) and workspaces, some holding commits
 * found nowhere else, then GC passes against a recording executor: what was deleted was never referenced by a live
 * session, never held unique commits, and was always exactly the owner's folder under the work root.
 */
class WorkspaceGcPropertyTest {
    @TempDir
    Path dir;

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void neverDeletesACheckoutSomeoneNeeds(long seed) throws Exception {
        Random rnd = new Random(seed);
        Set<String> unpushedPaths = new HashSet<>();
        List<String> deleted = new CopyOnWriteArrayList<>();
        Executor recording = new Executor() {
            @Override
            public Result run(Command c) {
                List<String> a = c.argv(); // sh -c <script> <name> <path> ...: the GC's probe and reclaim
                String path = a.get(4);
                if (a.get(3).equals("bosun-gc-reclaim")) {
                    deleted.add(path);
                    return new Result(0, "size 12\n", "", false);
                }
                return new Result(0, unpushedPaths.contains(path) ? "unpushed 3\n" : "head deadbeef\n", "", false);
            }

            @Override
            public Running start(Command c, boolean i, Consumer<String> o, Consumer<String> e) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
        try (Database db = Database.open(dir.resolve("bosun.db"), new ManualClock());
                Engine engine = new Engine(db.clock(), 2)) {
            Target target = db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, "/srv/work", 8,
                    Actor.ENGINE));
            Map<String, Workspace> workspaces = new HashMap<>();
            db.write(tx -> {
                for (int oi = 0; oi < 1 + rnd.nextInt(6); oi++) {
                    Objective o = tx.objectives().create(new ObjectiveDraft("o", "p", "/repo", "", AgentKind.CLAUDE),
                            Actor.ENGINE);
                    List<Session> sessions = new ArrayList<>();
                    List<Workspace> made = new ArrayList<>();
                    for (int si = 0; si < 1 + rnd.nextInt(8); si++) {
                        List<String> deps = sessions.isEmpty() || rnd.nextInt(3) != 0 ? List.of()
                                : List.of(sessions.get(rnd.nextInt(sessions.size())).id());
                        Session s = tx.sessions().create(new NewSession(o.id(), null,
                                SessionRole.values()[rnd.nextInt(SessionRole.values().length)], AgentKind.CODEX,
                                SessionMode.NON_INTERACTIVE, "s", "g", deps), Actor.ENGINE);
                        sessions.add(s);
                        if (rnd.nextInt(4) != 0) {
                            String path = "/srv/work/" + (rnd.nextInt(25) == 0 ? "../etc" : s.id());
                            Workspace w = tx.workspaces().create(o.id(), s.id(), target.id(),
                                    WorkspaceKind.ISOLATED, path, "/repo", "origin/main", "b-" + s.id(), Actor.ENGINE);
                            tx.workspaces().markReady(w.id(), path, "b-" + s.id(), "origin/main", "deadbeef",
                                    Actor.ENGINE);
                            tx.sessions().bindWorkspace(s.id(), w.id());
                            made.add(w);
                            workspaces.put(w.id(), w);
                            if (rnd.nextInt(4) == 0) {
                                unpushedPaths.add(path);
                            }
                        } else if (!made.isEmpty() && rnd.nextBoolean()) {
                            // a session sharing another's checkout
                            tx.sessions().bindWorkspace(s.id(), made.get(rnd.nextInt(made.size())).id());
                        }
                        SessionStatus end = SessionStatus.values()[rnd.nextInt(SessionStatus.values().length)];
                        if (end != SessionStatus.QUEUED) {
                            tx.sessions().transition(s.id(), SessionStatus.STARTING, null, Actor.ENGINE);
                            if (end != SessionStatus.STARTING) {
                                tx.sessions().transition(s.id(), SessionStatus.RUNNING, null, Actor.ENGINE);
                                tx.sessions().transition(s.id(), end, null, Actor.ENGINE);
                            }
                        }
                    }
                    ObjectiveStatus os = ObjectiveStatus.values()[rnd.nextInt(ObjectiveStatus.values().length)];
                    tx.objectives().transition(o.id(), os, null, Actor.ENGINE);
                }
                return null;
            });
            // the facts as they were before the passes (nothing below changes sessions)
            Map<String, List<String>> liveUsers = new HashMap<>();
            for (Session s : db.read(tx -> tx.sessions().live())) {
                if (s.workspaceId() != null) {
                    liveUsers.computeIfAbsent(s.workspaceId(), k -> new ArrayList<>()).add(s.id());
                }
            }
            WorkspaceGc gc = new WorkspaceGc(engine, db, new TargetExecutors(dir.resolve("cm")) {
                @Override
                public Executor forTarget(Target t) {
                    return recording;
                }
            });
            for (int pass = 0; pass < 2; pass++) {
                gc.runNow().get(30, TimeUnit.SECONDS);
            }
            for (String path : deleted) {
                Workspace w = workspaces.values().stream().filter(x -> x.path().equals(path)).findFirst()
                        .orElseThrow();
                assertThat(liveUsers.getOrDefault(w.id(), List.of())).as("seed %d: %s was in use", seed, path)
                        .isEmpty();
                assertThat(unpushedPaths).as("seed %d: %s held unique commits", seed, path).doesNotContain(path);
                assertThat(path).as("seed %d", seed).isEqualTo("/srv/work/" + w.sessionId());
            }
            assertThat(deleted).as("seed %d: deleted once", seed).doesNotHaveDuplicates();
        }
    }
}
