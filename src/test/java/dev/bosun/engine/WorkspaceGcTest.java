package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Running;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import dev.bosun.workspace.Checkout;
import dev.bosun.workspace.CheckoutPreparer;
import dev.bosun.workspace.WorkRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GC on real checkouts made by git, on a real database; rm can be made to fail or hang. */
class WorkspaceGcTest {
    @TempDir
    Path dir;
    Database db;
    Engine engine;
    Git git;
    Path origin;
    WorkRoot root;
    Target local;
    CheckoutPreparer preparer;
    final LocalExecutor real = new LocalExecutor();
    volatile int failRm;
    volatile CountDownLatch holdRm;
    final AtomicInteger rmCalls = new AtomicInteger();
    /** What a probe of a checkout answers instead of running, while set: a fault of the host's. */
    volatile Result folderCheckFault;
    WorkspaceGc gc;

    /** Passes everything to the real local executor, except an rm that the test makes fail or hang. */
    final Executor local0 = new Executor() {
        @Override
        public Result run(Command c) throws IOException, InterruptedException {
            if (c.argv().contains("bosun-gc-probe") && folderCheckFault != null) {
                return folderCheckFault;
            }
            if (c.argv().contains("bosun-gc-reclaim")) {
                rmCalls.incrementAndGet();
                CountDownLatch hold = holdRm;
                if (hold != null) {
                    hold.await(60, TimeUnit.SECONDS);
                }
                if (failRm > 0) {
                    failRm--;
                    return new Result(1, "", "rm: cannot remove: Device or resource busy\n", false);
                }
            }
            return real.run(c);
        }

        @Override
        public Running start(Command c, boolean i, Consumer<String> o, Consumer<String> e) throws IOException {
            return real.start(c, i, o, e);
        }

        @Override
        public String describe() {
            return "local";
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(dir.resolve("bosun.db"), new ManualClock());
        engine = new Engine(db.clock(), 2);
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
        root = new WorkRoot(Files.createDirectories(dir.resolve("work")).toString());
        local = db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, root.path(), 4, Actor.ENGINE));
        preparer = new CheckoutPreparer(git.env());
        gc = new WorkspaceGc(engine, db, new TargetExecutors(dir.resolve("cm")) {
            @Override
            public Executor forTarget(Target t) {
                return local0;
            }
        });
    }

    @AfterEach
    void tearDown() {
        engine.close();
        db.close();
    }

    Objective objective() {
        // an address (not a folder): its checkouts come through a mirror, which the GC must leave alone
        return db.write(tx -> tx.objectives().create(new ObjectiveDraft("t", "p", "file://" + origin, "",
                AgentKind.CLAUDE), Actor.ENGINE));
    }

    Session session(Objective o, SessionRole role, SessionStatus end) {
        return db.write(tx -> {
            Session s = tx.sessions().create(new NewSession(o.id(), null, role, AgentKind.CODEX,
                    SessionMode.NON_INTERACTIVE, role + " session", "g", List.of()), Actor.ENGINE);
            if (end != SessionStatus.QUEUED) {
                tx.sessions().transition(s.id(), SessionStatus.STARTING, null, Actor.ENGINE);
                tx.sessions().transition(s.id(), SessionStatus.RUNNING, null, Actor.ENGINE);
                if (end != SessionStatus.RUNNING) {
                    tx.sessions().transition(s.id(), end, null, Actor.ENGINE);
                }
            }
            return s;
        });
    }

    /** A real checkout for the session, recorded as its workspace. */
    Workspace checkout(Objective o, Session s) throws Exception {
        Checkout c = preparer.prepare(local0, root, "file://" + origin, "", s.id(), s.role());
        return db.write(tx -> {
            Workspace w = tx.workspaces().create(o.id(), s.id(), local.id(), WorkspaceKind.ISOLATED, c.path(),
                    "file://" + origin, c.baseRef(), c.branch(), Actor.ENGINE);
            tx.workspaces().markReady(w.id(), c.path(), c.branch(), c.baseRef(), c.baseSha(), Actor.ENGINE);
            tx.sessions().bindWorkspace(s.id(), w.id());
            return tx.workspaces().byId(w.id()).orElseThrow();
        });
    }

    Workspace reload(Workspace w) {
        return db.read(tx -> tx.workspaces().byId(w.id())).orElseThrow();
    }

    /** What the Workspaces table shows in its GC column. */
    String gcNote(Workspace w) {
        List<dev.bosun.store.Row.WorkspaceRow> rows = db.read(tx -> tx.rows().workspaces());
        return rows.stream().filter(r -> r.id().equals(w.id())).findFirst().orElseThrow().gcNote();
    }

    WorkspaceGc.Report pass() throws Exception {
        return gc.runNow().get(60, TimeUnit.SECONDS);
    }

    void endObjective(Objective o, ObjectiveStatus status) {
        db.write(tx -> tx.objectives().transition(o.id(), status, null, Actor.ENGINE));
    }

    @Test
    void aTerminalObjectivesCheckoutIsDeletedAndArchivedWithReasonAndSize() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        pass();
        assertThat(Path.of(w.path())).exists(); // the objective is still active and no PR holds the work
        endObjective(o, ObjectiveStatus.CANCELED);
        pass();
        assertThat(Path.of(w.path())).doesNotExist();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(Path.of(root.cache())).isDirectory(); // the mirror is kept
        assertThat(db.read(tx -> tx.audit().latest(1)).get(0).summary()).contains("its objective canceled",
                "KiB freed");
    }

    /** A pass over many checkouts says how far it is (the status bar shows it), and nothing once it ended. */
    @Test
    void aPassSaysHowFarItIs() throws Exception {
        Objective o = objective();
        checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        endObjective(o, ObjectiveStatus.CANCELED);
        holdRm = new CountDownLatch(1);
        var passing = gc.runNow();
        org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rmCalls.get() == 1);
        assertThat(gc.progress().text()).isEqualTo("0 of 2 checkouts examined");
        holdRm.countDown();
        passing.get(60, TimeUnit.SECONDS);
        assertThat(gc.progress()).isNull();
        assertThat(rmCalls).hasValue(2);
    }

    @Test
    void aFolderCheckThatFailsOnTheHostIsNotTakenForAFolderThatIsGone() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        endObjective(o, ObjectiveStatus.CANCELED);
        for (Result fault : List.of(new Result(255, "", "ssh: connect to host build-box port 22: Connection refused\n",
                false), new Result(-1, "", "", true))) {
            folderCheckFault = fault;
            WorkspaceGc.Report r = pass();
            assertThat(reload(w).status()).as(fault.toString()).isEqualTo(WorkspaceStatus.READY);
            assertThat(r.outcomes()).singleElement().satisfies(out -> assertThat(out.decision().reason())
                    .isEqualTo("its commits could not be checked"));
        }
        folderCheckFault = null; // the host answers again: now the GC can tell, and reclaims it
        pass();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(Path.of(w.path())).doesNotExist();
    }

    @Test
    void aCheckoutALiveSessionUsesIsKeptEvenWhenItsObjectiveEnded() throws Exception {
        Objective o = objective();
        Session manager = session(o, SessionRole.MANAGER, SessionStatus.RUNNING);
        Workspace w = checkout(o, manager);
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        WorkspaceGc.Report r = pass();
        assertThat(Path.of(w.path())).exists();
        assertThat(r.outcomes()).singleElement().satisfies(out -> assertThat(out.decision().reason())
                .isEqualTo("in use by " + manager.id()));
    }

    @Test
    void inAnActiveObjectiveOnlySpentCheckoutsGo() throws Exception {
        Objective o = objective();
        Workspace reviewer = checkout(o, session(o, SessionRole.REVIEWER, SessionStatus.SUCCEEDED));
        Workspace deadManager = checkout(o, session(o, SessionRole.MANAGER, SessionStatus.FAILED));
        Session published = session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED);
        Workspace publishedWs = checkout(o, published);
        db.write(tx -> tx.pullRequests().create(o.id(), published.id(), "acme/app", 7, "", "PR", publishedWs.branch(),
                "main", PullRequestStatus.OPEN, Actor.ENGINE));
        Workspace unpublished = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        // a PR that names the worker (its branch renamed), and one the manager published from a worker's branch
        Session renamed = session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED);
        Workspace renamedWs = checkout(o, renamed);
        db.write(tx -> tx.pullRequests().create(o.id(), renamed.id(), "acme/app", 8, "", "PR", "renamed-branch",
                "main", PullRequestStatus.OPEN, Actor.ENGINE));
        Workspace publishedByManager = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        db.write(tx -> tx.pullRequests().create(o.id(), null, "acme/app", 9, "", "PR", publishedByManager.branch(),
                "main", PullRequestStatus.OPEN, Actor.ENGINE));
        pass();
        assertThat(reload(renamedWs).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(reload(publishedByManager).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(reload(reviewer).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(reload(deadManager).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(reload(publishedWs).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(reload(unpublished).status()).isEqualTo(WorkspaceStatus.READY);
        assertThat(Path.of(unpublished.path())).exists();
    }

    @Test
    void commitsThatExistNowhereElseAreNeverDeleted() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.REVIEWER, SessionStatus.SUCCEEDED));
        Files.writeString(Path.of(w.path(), "fix.txt"), "a fix nobody pushed\n");
        git.run(Path.of(w.path()), "add", ".");
        git.run(Path.of(w.path()), "commit", "-q", "-m", "unpushed fix");
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        WorkspaceGc.Report r = pass();
        assertThat(Path.of(w.path(), "fix.txt")).exists();
        assertThat(r.outcomes()).singleElement().satisfies(out -> assertThat(out.decision().reason())
                .isEqualTo("it holds commits that exist nowhere else"));

        git.run(Path.of(w.path()), "push", "-q", "origin", "HEAD:refs/heads/" + w.branch());
        pass();
        assertThat(Path.of(w.path())).doesNotExist();
    }

    @Test
    void workOnAnotherBranchStashedOrNeverCommittedIsNeverDeleted() throws Exception {
        Objective o = objective();
        Workspace other = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        Path p = Path.of(other.path());
        git.run(p, "checkout", "-q", "-b", "experiment");
        Files.writeString(p.resolve("idea.txt"), "on a side branch\n");
        git.run(p, "add", ".");
        git.run(p, "commit", "-q", "-m", "side idea");
        git.run(p, "checkout", "-q", other.branch());
        Workspace stashed = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        Path q = Path.of(stashed.path());
        Files.writeString(q.resolve("README.md"), "stashed edit\n");
        git.run(q, "stash", "-q");
        Workspace uncommitted = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        Files.writeString(Path.of(uncommitted.path(), "new.txt"), "never added\n");
        endObjective(o, ObjectiveStatus.SUCCEEDED);

        WorkspaceGc.Report r = pass();

        assertThat(p.resolve(".git")).exists();
        assertThat(q.resolve(".git")).exists();
        assertThat(Path.of(uncommitted.path(), "new.txt")).exists();
        assertThat(r.outcomes()).extracting(out -> out.decision().reason()).containsExactlyInAnyOrder(
                "it holds commits that exist nowhere else", "it holds commits that exist nowhere else",
                "it holds changes that were never committed");
    }

    @Test
    void aKeptCheckoutSaysWhyAndTheOperatorCanDiscardItWithAReason() throws Exception {
        Objective o = objective();
        Session worker = session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED);
        Workspace w = checkout(o, worker);
        Files.writeString(Path.of(w.path(), "fix.txt"), "a fix nobody pushed\n");
        git.run(Path.of(w.path()), "add", ".");
        git.run(Path.of(w.path()), "commit", "-q", "-m", "unpushed fix");
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        pass();
        assertThat(gcNote(w)).isEqualTo("kept: 1 unpublished commit on " + w.branch());

        assertThatThrownBy(() -> gc.discard(w.id(), " ").get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationRefused.class).hasMessageContaining("Say why");
        assertThat(Path.of(w.path())).exists();
        gc.discard(w.id(), "superseded by PR #4").get(60, TimeUnit.SECONDS);

        assertThat(Path.of(w.path())).doesNotExist();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(gcNote(w)).isEqualTo("discarded by the operator: superseded by PR #4");
        String discarded = db.read(tx -> tx.sessions().discardedReason(worker.id())).orElseThrow();
        assertThat(discarded).isEqualTo("superseded by PR #4");
    }

    @Test
    void aCloneCutShortIsReclaimedThoughGitSeesEveryFileAsDeleted() throws Exception {
        Objective o = objective();
        Session s = session(o, SessionRole.WORKER, SessionStatus.FAILED);
        String path = root.checkoutOf(s.id());
        git.run(dir, "clone", "-q", "--no-checkout", origin.toString(), path); // where the preparer stopped
        Workspace w = db.write(tx -> {
            Workspace ws = tx.workspaces().create(o.id(), s.id(), local.id(), WorkspaceKind.ISOLATED, path,
                    origin.toString(), "", "bosun/worker-x", Actor.ENGINE);
            tx.workspaces().transition(ws.id(), WorkspaceStatus.FAILED, "fetch failed", Actor.ENGINE);
            return ws;
        });
        endObjective(o, ObjectiveStatus.FAILED);
        pass();
        assertThat(Path.of(path)).doesNotExist();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
    }

    @Test
    void aCheckoutInUseCannotBeDiscarded() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.WORKER, SessionStatus.RUNNING));
        assertThatThrownBy(() -> gc.discard(w.id(), "not wanted").get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationRefused.class).hasMessageContaining("is in use");
        assertThat(Path.of(w.path())).exists();
    }

    @Test
    void aFailedRmIsRetriedNextPassAndItsFailuresShow() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.WORKER, SessionStatus.FAILED));
        endObjective(o, ObjectiveStatus.FAILED);
        failRm = 1;
        WorkspaceGc.Report first = pass();
        assertThat(first.outcomes()).singleElement().satisfies(out -> assertThat(out.error())
                .contains("Device or resource busy"));
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.READY);
        int failures = db.read(tx -> tx.workspaces().gcFailures(w.id()));
        assertThat(failures).isEqualTo(1);
        assertThat(gcNote(w)).isEqualTo("GC failed 1x: rm failed: rm: cannot remove: Device or resource busy");
        pass();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(gcNote(w)).isEqualTo("its objective failed");
        assertThat(Path.of(w.path())).doesNotExist();
    }

    @Test
    void aVanishedTargetArchivesWithoutDeletingAnything() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        db.write(tx -> tx.targets().transition(local.id(), TargetStatus.REMOVED, "decommissioned", Actor.ENGINE));
        pass();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(rmCalls).hasValue(0);
        assertThat(Path.of(w.path())).exists();
    }

    @Test
    void aPathOutsideItsPlaceIsRefusedAndRecorded() throws Exception {
        Objective o = objective();
        Session s = session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED);
        Workspace w = db.write(tx -> {
            Workspace x = tx.workspaces().create(o.id(), s.id(), local.id(), WorkspaceKind.ISOLATED, root.path(),
                    origin.toString(), "origin/main", "b", Actor.ENGINE);
            tx.workspaces().markReady(x.id(), root.path(), "b", "origin/main", "", Actor.ENGINE);
            return x;
        });
        Files.writeString(Path.of(root.path(), "precious.txt"), "keep\n");
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        WorkspaceGc.Report r = pass();
        assertThat(r.outcomes()).singleElement().satisfies(out -> assertThat(out.error())
                .contains("the work root itself"));
        assertThat(Path.of(root.path(), "precious.txt")).exists();
        assertThat(rmCalls).hasValue(0);
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.READY);
    }

    @Test
    void passesNeverOverlapAndAHungRmNeverDelaysTheEngineThread() throws Exception {
        Objective o = objective();
        checkout(o, session(o, SessionRole.WORKER, SessionStatus.SUCCEEDED));
        endObjective(o, ObjectiveStatus.SUCCEEDED);
        holdRm = new CountDownLatch(1);
        var hung = gc.runNow();
        EngineHarness.waitFor(() -> rmCalls.get() == 1);
        // while rm hangs: a second pass is skipped, not queued; the engine thread answers at once
        long worst = 0;
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            engine.onEngine(() -> db.read(tx -> tx.supervision().liveObjectives())).get(5, TimeUnit.SECONDS);
            worst = Math.max(worst, System.nanoTime() - t);
        }
        assertThat(gc.runNow().get(5, TimeUnit.SECONDS).skipped()).isTrue();
        System.out.printf("engine round trips while rm hangs: worst %.1f ms over 50%n", worst / 1e6);
        holdRm.countDown();
        assertThat(hung.get(30, TimeUnit.SECONDS).reclaimed()).isEqualTo(1);
    }

    @Test
    void previewSaysWhatAPassWouldDoWithoutDoingIt() throws Exception {
        Objective o = objective();
        Workspace w = checkout(o, session(o, SessionRole.REVIEWER, SessionStatus.SUCCEEDED));
        WorkspaceGc.Report preview = gc.preview().get(30, TimeUnit.SECONDS);
        assertThat(preview.outcomes()).singleElement().satisfies(out -> assertThat(out.decision().reason())
                .isEqualTo("its reviewer finished"));
        assertThat(Path.of(w.path())).exists();
        assertThat(reload(w).status()).isEqualTo(WorkspaceStatus.READY);
        assertThat(rmCalls).hasValue(0);
    }
}
