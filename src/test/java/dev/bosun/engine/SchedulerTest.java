package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    @TempDir
    Path dir;

    static Scheduler.Settings cap(int workers) {
        return new Scheduler.Settings(workers, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(90),
                Duration.ofMinutes(5), 0);
    }

    @Test
    void anObjectiveCanceledDuringItsFirstCloneLeavesNoCheckoutBehind() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            CountDownLatch cloning = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            h.executors.before = c -> {
                if (c.argv().contains("bosun-checkout")) { // the checkout's script (its clone from the mirror)
                    cloning.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Objective o = h.objective(AgentKind.CLAUDE);
            h.passLeavingStartsInFlight();
            cloning.await();
            h.await(h.ops.cancelObjective(o.id(), "wrong repository"));
            h.await(h.ops.runGcNow()); // while the clone is still under way
            release.countDown();
            String managerId = h.manager(o.id()).id();
            EngineHarness.waitFor(() -> h.onEngine(() -> !h.orchestration.runs().isStarting(managerId)));
            h.await(h.ops.runGcNow());
            String workspaceId = h.session(managerId).workspaceId();
            Workspace w = workspace(h, workspaceId);
            assertThat(w.status()).isEqualTo(WorkspaceStatus.ARCHIVED);
            assertThat(Path.of(w.path())).doesNotExist();
        }
    }

    @Test
    void aCloneCutShortByACrashIsFailedAtRecoveryAndTheSessionGetsAFreshOne() {
        ManualClock clock = new ManualClock();
        String managerId;
        String interrupted;
        try (EngineHarness before = new EngineHarness(dir, clock, cap(32))) {
            Objective o = before.objective(AgentKind.CLAUDE);
            managerId = before.manager(o.id()).id();
            // the crash came mid-clone: the session is starting, its workspace row written, the clone never ended
            interrupted = before.db.write(tx -> {
                var target = tx.targets().byName("local").orElseThrow();
                var w = tx.workspaces().create(o.id(), managerId, target.id(), WorkspaceKind.ISOLATED,
                        new dev.bosun.workspace.WorkRoot(target.workRoot()).checkoutOf(managerId), o.repository(), "",
                        "bosun/manager-x", Actor.ENGINE);
                tx.sessions().bindTarget(managerId, target.id());
                tx.sessions().bindWorkspace(managerId, w.id());
                tx.sessions().transition(managerId, SessionStatus.STARTING, "placed", Actor.ENGINE);
                return w.id();
            });
        }
        try (EngineHarness after = new EngineHarness(dir, clock, cap(32))) {
            after.onEngine(() -> new Recovery(after.engine, after.db, after.orchestration.runs(),
                    new AgentProviders().register(after.claude)).atStart());
            assertThat(workspace(after, interrupted).status()).isEqualTo(WorkspaceStatus.FAILED);
            after.pass();
            Session m = after.session(managerId);
            assertThat(m.status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(workspace(after, m.workspaceId()).status()).isEqualTo(WorkspaceStatus.READY);
            // the old row is gone before the new clone takes its path: no later GC of it can delete the new checkout
            assertThat(workspace(after, interrupted).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        }
    }

    static Workspace workspace(EngineHarness h, String id) {
        return h.db.read(tx -> tx.workspaces().byId(id)).orElseThrow();
    }

    @Test
    void targetCapacityLimitsWorkersButNotManagers() {
        try (EngineHarness h = new EngineHarness(dir)) { // the local target has 2 slots
            Objective o = h.objective(AgentKind.CLAUDE);
            Session a = h.worker(o.id(), null, AgentKind.CODEX, "a", List.of());
            Session b = h.worker(o.id(), null, AgentKind.CODEX, "b", List.of());
            Session c = h.worker(o.id(), null, AgentKind.CODEX, "c", List.of());
            h.pass();
            assertThat(h.manager(o.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(List.of(h.session(a.id()).status(), h.session(b.id()).status(), h.session(c.id()).status()))
                    .containsExactly(SessionStatus.RUNNING, SessionStatus.RUNNING, SessionStatus.WAITING_CAPACITY);

            h.agentDoes(() -> h.run(a).exit(true, "done"));
            h.pass();
            assertThat(h.session(c.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.session(c.id()).targetId()).isNotNull();
        }
    }

    @Test
    void theGlobalWorkerCapHoldsAcrossTargetsAndExemptsManagers() {
        try (EngineHarness h = new EngineHarness(dir, new ManualClock(), cap(1))) {
            Objective o1 = h.objective(AgentKind.CLAUDE);
            Objective o2 = h.objective(AgentKind.CLAUDE);
            Session a = h.worker(o1.id(), null, AgentKind.CODEX, "a", List.of());
            Session b = h.worker(o2.id(), null, AgentKind.CODEX, "b", List.of());
            h.pass();
            assertThat(h.manager(o1.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.manager(o2.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.session(a.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.session(b.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(h.audit(o2.id())).anyMatch(e -> e.summary().contains("worker cap reached"));
        }
    }

    @Test
    void aSessionStartsOnlyWhenEveryDependencySucceeded() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session first = h.worker(o.id(), null, AgentKind.CODEX, "first", List.of());
            Session second = h.worker(o.id(), null, AgentKind.CODEX, "second", List.of(first.id()));
            h.pass();
            assertThat(h.session(second.id()).status()).isEqualTo(SessionStatus.QUEUED);
            h.pass();
            assertThat(h.codex.startsOf(second.id())).isZero();

            h.agentDoes(() -> h.run(first).exit(true, "parser written"));
            h.pass();
            assertThat(h.session(second.id()).status()).isEqualTo(SessionStatus.RUNNING);
        }
    }

    @Test
    void aFailedDependencyCancelsItsDependentsInCascadeAndRecordsWhy() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session a = h.worker(o.id(), null, AgentKind.CODEX, "a", List.of());
            Session b = h.worker(o.id(), null, AgentKind.CODEX, "b", List.of(a.id()));
            Session c = h.worker(o.id(), null, AgentKind.CODEX, "c", List.of(b.id()));
            h.pass();
            h.agentDoes(() -> h.run(a).exit(false, "compile error"));
            h.pass();
            assertThat(h.session(b.id()).status()).isEqualTo(SessionStatus.CANCELED);
            assertThat(h.session(c.id()).status()).isEqualTo(SessionStatus.CANCELED);
            assertThat(h.audit(o.id())).anyMatch(e -> e.sessionId() != null && e.sessionId().equals(b.id())
                    && e.summary().contains("dependency " + a.id() + " did not succeed"));
            assertThat(h.codex.startsOf(b.id()) + h.codex.startsOf(c.id())).isZero();
        }
    }

    @Test
    void aStartUnderWayIsNeverStartedTwiceAndDoesNotBlockOtherStarts() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            CountDownLatch release = new CountDownLatch(1);
            h.codex.holdStarts = release;
            Session slow = h.worker(o.id(), null, AgentKind.CODEX, "slow", List.of());
            Session quick = h.worker(o.id(), null, AgentKind.COMMAND, "quick", List.of());
            for (int i = 0; i < 5; i++) {
                h.passLeavingStartsInFlight();
            }
            EngineHarness.waitFor(() -> h.command.runs.containsKey(quick.id()));
            EngineHarness.waitFor(() -> h.session(quick.id()).status() == SessionStatus.RUNNING);
            assertThat(h.session(slow.id()).status()).isEqualTo(SessionStatus.STARTING);
            release.countDown();
            h.settle();
            assertThat(h.codex.startsOf(slow.id())).isEqualTo(1);
            assertThat(h.session(slow.id()).status()).isEqualTo(SessionStatus.RUNNING);
        }
    }

    @Test
    void aMissingAgentCliFailsTheSessionWithAClearMessage() {
        try (EngineHarness h = new EngineHarness(dir)) {
            h.codex.failStartsWith = "codex not found on PATH; install it with npm install -g @openai/codex";
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.CODEX, "w", List.of());
            h.pass();
            Session failed = h.session(w.id());
            assertThat(failed.status()).isEqualTo(SessionStatus.FAILED);
            assertThat(failed.resultSummary()).contains("Could not start Codex", "codex not found on PATH");
        }
    }

    @Test
    void aLateCompletionAfterCancelIsIgnoredAndRecorded() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.CLAUDE, "w", List.of());
            h.pass();
            ScriptedAgents.Run run = h.run(w);
            h.await(h.ops.cancelSession(w.id(), null));
            h.settle();
            h.agentDoes(() -> run.lateExit(true, "all done"));
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.CANCELED);
            assertThat(h.audit(o.id())).anyMatch(e -> e.type().equals("transition_ignored")
                    && e.summary().contains("late succeeded") && e.summary().contains("already canceled"));
        }
    }

    @Test
    void cancelingASessionCancelsWhatItSpawnedAndStopsTheirAgents() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session child = h.worker(o.id(), m.id(), AgentKind.CODEX, "child", List.of());
            Session grandchild = h.worker(o.id(), child.id(), AgentKind.CODEX, "grandchild", List.of());
            h.pass();
            assertThat(h.await(h.ops.cancelSession(m.id(), "wrong approach"))).isEqualTo(3);
            h.settle();
            for (Session s : List.of(m, child, grandchild)) {
                assertThat(h.session(s.id()).status()).isEqualTo(SessionStatus.CANCELED);
                assertThat(h.run(s).alive()).isFalse();
            }
        }
    }

    @Test
    void recoveryAfterACrashResumesOrRequeuesAndNeverMakesTwoLiveManagers() {
        ManualClock clock = new ManualClock();
        String objectiveId;
        String workerId;
        try (EngineHarness before = new EngineHarness(dir, clock, cap(32))) {
            Objective o = before.objective(AgentKind.CLAUDE);
            objectiveId = o.id();
            workerId = before.worker(o.id(), null, AgentKind.COMMAND, "w", List.of()).id();
            before.pass();
            assertThat(before.manager(o.id()).status()).isEqualTo(SessionStatus.RUNNING);
            // crash: the engine goes away with both agents "running" in the database
        }
        try (EngineHarness after = new EngineHarness(dir, clock, cap(32))) {
            after.onEngine(() -> new Recovery(after.engine, after.db, after.orchestration.runs(),
                    new AgentProviders().register(after.claude).register(after.command)).atStart());
            assertThat(after.manager(objectiveId).status()).isEqualTo(SessionStatus.QUEUED);
            after.pass();
            List<Session> managers = after.sessions(objectiveId).stream()
                    .filter(s -> s.role() == SessionRole.MANAGER).toList();
            assertThat(managers).hasSize(1);
            assertThat(managers.get(0).status()).isEqualTo(SessionStatus.RUNNING);
            // Claude resumes its conversation; the command agent cannot, so it is told it was interrupted
            assertThat(after.claude.lastLaunchOf(managers.get(0).id()).resumeRef()).isEqualTo("conv-"
                    + managers.get(0).id());
            assertThat(after.command.lastLaunchOf(workerId).resumeRef()).isNull();
            assertThat(after.command.lastLaunchOf(workerId).prompt()).contains("do w", Recovery.INTERRUPTED);
        }
    }

    @Test
    void theOrphanSweepRequeuesARunningSessionWhoseProcessVanished() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, cap(32))) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.CODEX, "w", List.of());
            h.pass();
            h.onEngine(() -> {
                h.orchestration.runs().remove(w.id()); // the process is gone without a word
                return null;
            });
            Recovery recovery = new Recovery(h.engine, h.db, h.orchestration.runs(),
                    new AgentProviders().register(h.codex));
            assertThat(h.onEngine(() -> recovery.reconcile(Duration.ofSeconds(90), "its process was gone"))).isZero();
            clock.advance(Duration.ofSeconds(91));
            assertThat(h.onEngine(() -> recovery.reconcile(Duration.ofSeconds(90), "its process was gone")))
                    .isEqualTo(1);
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.QUEUED);
            h.pass();
            assertThat(h.codex.startsOf(w.id())).isEqualTo(2);
        }
    }

    @Test
    void eachSessionStartsInItsOwnFreshCheckoutOnItsTarget() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.CODEX, "w", List.of());
            h.pass();
            Session started = h.session(w.id());
            var ws = h.db.read(tx -> tx.workspaces().byId(started.workspaceId())).orElseThrow();
            assertThat(ws.status()).isEqualTo(dev.bosun.domain.WorkspaceStatus.READY);
            assertThat(ws.path()).endsWith("/" + w.id());
            assertThat(ws.branch()).isEqualTo("bosun/worker-" + w.id().substring(w.id().length() - 8));
            assertThat(ws.baseSha()).isEqualTo(h.git.run(h.origin, "rev-parse", "main"));
            assertThat(h.codex.lastLaunchOf(w.id()).workDir()).isEqualTo(Path.of(ws.path()));
            assertThat(Path.of(ws.path(), "README.md")).hasContent("hello");
        }
    }

    @Test
    void aCheckoutThatCannotBePreparedFailsTheSessionWithGitsReason() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.await(h.ops.createObjective(new dev.bosun.domain.ObjectiveDraft("t", "p",
                    h.origin.toString(), "no-such-branch", AgentKind.CLAUDE)));
            h.pass();
            Session m = h.sessions(o.id()).get(0);
            assertThat(m.role()).isEqualTo(SessionRole.MANAGER);
            assertThat(m.status()).isEqualTo(SessionStatus.FAILED);
            assertThat(m.resultSummary()).contains("'no-such-branch' does not exist");
            assertThat(h.claude.launches).isEmpty();
        }
    }
}
