package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.agent.AgentEvent;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.engine.AgentOperations.WorkerRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What agents do through their tools, on a real engine and database with scripted agents. */
class AgentOperationsTest {
    @TempDir
    Path dir;

    /** An objective whose manager runs. */
    static Session runningManager(EngineHarness h, AgentKind kind) {
        Objective o = h.objective(kind);
        h.pass();
        return h.manager(o.id());
    }

    WorkerRequest request(String title) {
        return new WorkerRequest(title, "do " + title, null, List.of(), null, List.of(), null);
    }

    @Test
    void aSpawnedWorkerIsQueuedUnderItsManagerWithTheManagersAgentAndTalksOnItsStdin() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());

            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));

            assertThat(w.parentSessionId()).isEqualTo(m.id());
            assertThat(w.agent()).isEqualTo(AgentKind.CLAUDE);
            assertThat(w.mode()).isEqualTo(SessionMode.INTERACTIVE);
            h.pass();
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.RUNNING);
        }
    }

    @Test
    void aWorkerCannotBeSentToADisabledOrRemovedTargetAndTheManagerIsToldWhy() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            h.db.write(tx -> {
                for (String name : List.of("off", "gone")) {
                    var t = tx.targets().create(name, TargetKind.LOCAL, "", "", 0, dir.resolve(name).toString(), 1,
                            Actor.ENGINE);
                    tx.targets().transition(t.id(), name.equals("off") ? TargetStatus.DISABLED : TargetStatus.REMOVED,
                            "test", Actor.OPERATOR);
                }
                return null;
            });
            for (String name : List.of("off", "gone")) {
                assertThatThrownBy(() -> h.await(h.orchestration.agentOperations().spawnWorker(m.id(),
                        new WorkerRequest("w", "do w", null, List.of(), name, List.of(), null))))
                        .isInstanceOf(OperationRefused.class)
                        .hasMessageContaining("is " + (name.equals("off") ? "disabled" : "removed"));
            }
            assertThat(h.sessions(m.objectiveId())).hasSize(1); // no worker was queued
        }
    }

    @Test
    void aWorkerThatReportedEndsWithItsTurnAndItsReportIsTheResultTheManagerHears() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));
            h.pass();

            h.await(h.orchestration.agentOperations().reportResult(w.id(), "parser written, 12 tests pass"));
            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.TurnEnded(false)));

            assertThat(h.run(w).finished).isTrue();
            Session done = h.session(w.id());
            assertThat(done.status()).isEqualTo(SessionStatus.SUCCEEDED);
            assertThat(done.resultSummary()).isEqualTo("parser written, 12 tests pass");
            assertThat(h.run(m).received).singleElement().asString().contains("parser written, 12 tests pass");
        }
    }

    @Test
    void aWorkerThatEndsItsTurnWithoutReportingIsRemindedOnceThenEnded() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));
            h.pass();

            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.TurnEnded(false)));
            assertThat(h.run(w).received).singleElement().asString().contains("report_result");
            assertThat(h.run(w).finished).isFalse();

            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.TurnEnded(false)));
            assertThat(h.run(w).finished).isTrue();
        }
    }

    @Test
    void aWorkerWaitingForTheOperatorIsNotEndedWhenItsTurnEnds() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));
            h.pass();

            h.await(h.orchestration.agentOperations().askUser(w.id(), "Which parser library?"));
            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.TurnEnded(false)));
            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.TurnEnded(false)));

            assertThat(h.run(w).finished).isFalse();
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.WAITING_USER);
        }
    }

    @Test
    void markDoneIsRefusedWhileAWorkerRunsOrAPullRequestIsOpenAndThenEndsTheObjectiveAndTheManager() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            Objective o = h.db.read(tx -> tx.objectives().byId(m.objectiveId())).orElseThrow();
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));
            h.pass();
            AgentOperations agents = h.orchestration.agentOperations();

            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .hasMessageContaining("\"parser\"").hasMessageContaining("still running");
            h.agentDoes(() -> h.run(w).exit(true, "ok"));
            var pr = h.db.write(tx -> tx.pullRequests().recordLocal(o.id(), w.id(), o.repository(), "Parser", "",
                    "bosun/worker-x", "main", "abc", Actor.session(m.id())));
            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .hasMessageContaining("PR #1").hasMessageContaining("open");
            h.db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.MERGED, "merged", Actor.ENGINE));

            h.await(agents.markObjectiveDone(m.id(), "parser shipped"));
            h.settle();

            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.SUCCEEDED);
            assertThat(h.run(m).finished).isTrue();
            assertThat(h.session(m.id()).status()).isEqualTo(SessionStatus.SUCCEEDED);
        }
    }

    @Test
    void aWorkerMayNotUseManagerOperationsNorActForAnotherObjective() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective a = h.objective(AgentKind.CLAUDE);
            Objective b = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session ma = h.manager(a.id());
            Session mb = h.manager(b.id());
            AgentOperations agents = h.orchestration.agentOperations();
            Session wa = h.await(agents.spawnWorker(ma.id(), request("a")));

            assertThatThrownBy(() -> h.await(agents.spawnWorker(wa.id(), request("x"))))
                    .hasMessageContaining("Only a manager");
            assertThatThrownBy(() -> h.await(agents.cancelWorker(mb.id(), wa.id(), "mine now")))
                    .hasMessageContaining("no worker " + wa.id());
            assertThatThrownBy(() -> h.await(agents.reportResult(ma.id(), "done")))
                    .hasMessageContaining("mark_objective_done");
            assertThat(h.session(wa.id()).status().terminal()).isFalse();
            // a worker waits on workers: on another objective's, or on its manager, it would wait forever
            for (String dep : List.of(ma.id(), h.await(agents.spawnWorker(mb.id(), request("b"))).id())) {
                assertThatThrownBy(() -> h.await(agents.spawnWorker(ma.id(), new WorkerRequest("w", "do w", null,
                        List.of(dep), null, List.of(), null)))).hasMessageContaining("which is not a worker of this "
                                + "objective");
            }
        }
    }

    @Test
    void aOneShotManagerGoesIdleAfterItsTurnAndResumesItsConversationWhenAWorkerEnds() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CODEX);
            h.pass();
            Session m = h.manager(o.id());
            h.agentDoes(() -> h.run(m).listener.on(new AgentEvent.ConversationRef("thread-1")));
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));

            h.agentDoes(() -> h.run(m).exit(true, "spawned a worker"));
            assertThat(h.session(m.id()).status()).isEqualTo(SessionStatus.IDLE);
            h.pass();
            assertThat(h.codex.startsOf(m.id())).isEqualTo(1); // idle: nothing to start it for

            h.agentDoes(() -> h.run(w).exit(true, "parser written"));
            assertThat(h.session(m.id()).status()).isEqualTo(SessionStatus.QUEUED);
            h.pass();

            assertThat(h.session(m.id()).status()).isEqualTo(SessionStatus.RUNNING);
            var resumed = h.codex.lastLaunchOf(m.id());
            assertThat(resumed.resumeRef()).isEqualTo("thread-1");
            assertThat(resumed.prompt()).contains("\"parser\" (" + w.id() + ") succeeded", "parser written");
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.ACTIVE);
        }
    }

    @Test
    void aOneShotWorkerThatAskedTheOperatorWaitsForTheAnswerAndResumesWithIt() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CODEX);
            h.pass();
            Session m = h.manager(o.id());
            Session w = h.await(h.orchestration.agentOperations().spawnWorker(m.id(), request("parser")));
            h.pass();
            h.agentDoes(() -> h.run(w).listener.on(new AgentEvent.ConversationRef("thread-w")));
            var q = h.await(h.orchestration.agentOperations().askUser(w.id(), "Which grammar?"));

            h.agentDoes(() -> h.run(w).exit(true, "asked"));
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.WAITING_USER);
            assertThat(h.db.read(tx -> tx.questions().byId(q.id())).orElseThrow().status().terminal()).isFalse();

            h.await(h.ops.answerQuestion(q.id(), "PEG"));
            h.pass();

            var resumed = h.codex.lastLaunchOf(w.id());
            assertThat(resumed.resumeRef()).isEqualTo("thread-w");
            assertThat(resumed.prompt()).contains("Which grammar?", "PEG");
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.RUNNING);
        }
    }

    @Test
    void aLateUsageReportDoesNotMakeAQuietManagerLookBusy() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = runningManager(h, AgentKind.CLAUDE);
            h.clock.advance(java.time.Duration.ofSeconds(120));

            h.agentDoes(() -> h.run(m).listener.on(new AgentEvent.Usage(500, 0.02)));

            assertThat(h.supervise()).singleElement()
                    .isInstanceOf(dev.bosun.domain.SupervisorAction.Poke.class);
            List<dev.bosun.store.Row.SessionRow> rows = h.db.read(tx -> tx.rows().sessions());
            assertThat(rows).filteredOn(r -> r.id().equals(m.id())).singleElement()
                    .satisfies(r -> assertThat(r.tokens()).isEqualTo(500));
        }
    }
}
