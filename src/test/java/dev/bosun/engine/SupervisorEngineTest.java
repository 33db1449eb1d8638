package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.store.Row;
import dev.bosun.store.SteeringMessages;
import dev.bosun.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor inside the real engine: scripted agents, a real database, a manual clock. */
class SupervisorEngineTest {
    @TempDir
    Path dir;

    static final Scheduler.Settings SETTINGS =
            new Scheduler.Settings(32, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(90),
                    Duration.ofMinutes(5), 0);

    List<Session> managers(EngineHarness h, String objectiveId) {
        return h.sessions(objectiveId).stream().filter(s -> s.role() == SessionRole.MANAGER).toList();
    }

    static List<SteeringMessages.Message> queued(EngineHarness h, String sessionId) {
        return h.db.read(tx -> tx.steering().queued(sessionId));
    }

    /** A scheduler pass every 2 s of virtual time, as the engine's tick makes them, for {@code span}. */
    static void passesEvery2s(EngineHarness h, ManualClock clock, Duration span) {
        for (long i = 0; i < span.toSeconds() / 2; i++) {
            clock.advance(Duration.ofSeconds(2));
            h.pass();
        }
    }

    List<Question> openEscalations(EngineHarness h, String objectiveId) {
        return h.db.read(tx -> tx.questions().openFor(objectiveId)).stream()
                .filter(q -> q.kind() == QuestionKind.ESCALATION).toList();
    }

    @Test
    void aQuietManagerIsPokedOnlyWhenNoWorkerRunsAndThenNotAgainWithinTheCooldown() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session w = h.worker(o.id(), m.id(), AgentKind.CODEX, "build", List.of());
            h.pass();
            clock.advance(Duration.ofHours(3)); // a long, quiet build
            h.pass();
            assertThat(h.run(m).received).isEmpty();

            h.agentDoes(() -> h.run(w).exit(true, "built"));
            assertThat(h.run(m).received).singleElement().asString()
                    .contains("Worker \"build\" (" + w.id() + ") succeeded");
            clock.advance(Duration.ofSeconds(60));
            h.pass();
            assertThat(h.run(m).received).hasSize(1);
            clock.advance(Duration.ofSeconds(35));
            h.pass();
            assertThat(h.run(m).received).hasSize(2);
            assertThat(h.run(m).received.get(1)).contains("Add a --json flag.", "mark_objective_done");
            assertThat(h.audit(o.id())).filteredOn(e -> e.type().equals("manager_poked")).singleElement()
                    .satisfies(e -> assertThat(e.summary()).isEqualTo("poked: quiet 95 s, no live workers"));
            h.pass();
            clock.advance(Duration.ofSeconds(89));
            h.pass();
            assertThat(h.run(m).received).as("within the cooldown").hasSize(2);
            clock.advance(Duration.ofSeconds(2));
            h.pass();
            assertThat(h.run(m).received).hasSize(3);
        }
    }

    @Test
    void twoLiveWorkersFinishThenExactlyOnePokeAfterIdleAfter() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session a = h.worker(o.id(), m.id(), AgentKind.CODEX, "a", List.of());
            Session b = h.worker(o.id(), m.id(), AgentKind.CODEX, "b", List.of());
            h.pass();
            h.agentDoes(() -> h.run(a).exit(true, "a done"));
            clock.advance(Duration.ofSeconds(30));
            h.agentDoes(() -> h.run(b).exit(true, "b done"));
            int before = h.run(m).received.size();
            passesEvery2s(h, clock, Duration.ofMinutes(5));
            assertThat(h.auditCount(o.id(), "manager_poked")).isEqualTo(3); // at 90 s, then each cooldown
            assertThat(h.run(m).received.size() - before).isEqualTo(3);
            assertThat(h.audit(o.id())).filteredOn(e -> e.type().equals("manager_poked")).first()
                    .satisfies(e -> assertThat(e.summary()).isEqualTo("poked: quiet 90 s, no live workers"));
        }
    }

    @Test
    void aRestartDoesNotResetTheCooldown() {
        ManualClock clock = new ManualClock();
        String objectiveId;
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            objectiveId = h.objective(AgentKind.CLAUDE).id();
            h.pass();
            h.agentDoes(() -> h.run(h.manager(objectiveId)).exit(false, "crashed"));
            h.claude.failStartsWith = "out of disk"; // the respawned manager dies while starting
            h.pass();
            assertThat(managers(h, objectiveId)).hasSize(2).allMatch(s -> s.status() == SessionStatus.FAILED);
            assertThat(h.auditCount(objectiveId, "manager_respawned")).isEqualTo(1);
        }
        clock.advance(Duration.ofSeconds(30));
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            // a fresh engine on the same database: without a persisted cooldown it would respawn right away
            assertThat(h.supervise()).isEmpty();
            clock.advance(Duration.ofSeconds(60));
            assertThat(h.supervise()).singleElement().isInstanceOf(SupervisorAction.Respawn.class);
        }
    }

    @Test
    void aDeadManagerIsRespawnedThenPastTheBudgetOneEscalationStandsAcrossManyPasses() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CODEX);
            for (int round = 0; round < 4; round++) {
                h.pass();
                Session m = h.manager(o.id());
                assertThat(m.status()).isEqualTo(SessionStatus.RUNNING);
                int n = round;
                h.agentDoes(() -> {
                    h.run(m).say("Reading the repository, round " + n);
                    h.run(m).say("npm ERR! missing script: build (round " + n + ")");
                    h.run(m).usage(1200, 0.05);
                    h.run(m).exit(false, "crashed: exit status 1, round " + n);
                });
                clock.advance(Duration.ofSeconds(91));
            }
            assertThat(managers(h, o.id())).hasSize(4).allMatch(s -> s.status() == SessionStatus.FAILED);
            assertThat(managers(h, o.id()).get(1).title()).isEqualTo("Manager (resumed)");
            assertThat(managers(h, o.id()).get(1).goal()).contains("Add a --json flag.", "You are resuming");
            assertThat(managers(h, o.id())).allMatch(s -> s.agent() == AgentKind.CODEX);

            for (int i = 0; i < 10; i++) {
                h.pass();
                clock.advance(Duration.ofSeconds(91));
            }
            assertThat(managers(h, o.id())).hasSize(4);
            assertThat(openEscalations(h, o.id())).hasSize(1);
            // it explains itself: each manager's end and last lines, then the state the next one would get
            assertThat(openEscalations(h, o.id()).get(0).context()).contains("Managers so far:",
                    "4. " + managers(h, o.id()).get(3).id() + " (codex): failed", "ended: crashed: exit status 1, round 3",
                    "> npm ERR! missing script: build (round 3)", "> Reading the repository, round 0",
                    "1,200 tokens, $0.05", "Spent so far on this objective (all its agents): 4,800 tokens, $0.20",
                    "Workers:");
            // each turn's spend is kept with its time: the detail's chart and the totals per day
            List<dev.bosun.store.Sessions.UsagePoint> points = h.db.read(tx -> tx.sessions().usageOverTime(o.id()));
            assertThat(points).hasSize(4).extracting(p -> p.tokens()).containsOnly(1200L);
            assertThat(points.get(3).at()).isAfter(points.get(0).at());
            List<dev.bosun.store.Sessions.DayUsage> days = h.db.read(tx -> tx.sessions().usagePerDay(7));
            assertThat(days).extracting(d -> d.tokens()).containsExactly(4800L);
            assertThat(h.auditCount(o.id(), "supervisor_escalated")).isEqualTo(1);
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.WAITING_USER);

            h.await(h.ops.approveRespawn(o.id(), 1));
            h.pass();
            h.pass();
            assertThat(managers(h, o.id())).hasSize(5);
            assertThat(h.manager(o.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(openEscalations(h, o.id())).isEmpty();
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.ACTIVE);
            assertThat(h.audit(o.id())).anyMatch(e -> e.type().equals("respawn_approved")
                    && e.actor().equals("operator"));

            // and the grant is used up: the next death escalates again, once
            h.agentDoes(() -> h.run(h.manager(o.id())).exit(false, "crashed again"));
            clock.advance(Duration.ofSeconds(91));
            for (int i = 0; i < 5; i++) {
                h.pass();
                clock.advance(Duration.ofSeconds(91));
            }
            assertThat(managers(h, o.id())).hasSize(5);
            assertThat(openEscalations(h, o.id())).hasSize(1);
        }
    }

    @Test
    void aManagerThatIgnoresItsPokesIsHandedToTheOperatorAfterMaxPokesAndHearsTheirInstruction() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            passesEvery2s(h, clock, Duration.ofMinutes(20)); // and the manager never acts
            assertThat(h.auditCount(o.id(), "manager_poked")).as("max pokes, then no more").isEqualTo(3);
            assertThat(h.auditCount(o.id(), "supervisor_escalated")).isEqualTo(1);
            assertThat(openEscalations(h, o.id())).singleElement().satisfies(q -> assertThat(q.text())
                    .contains("was poked 3 times and did nothing"));
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.WAITING_USER);

            Question q = openEscalations(h, o.id()).get(0);
            h.await(h.ops.answerQuestion(q.id(), "Split the work into two workers now."));
            assertThat(h.run(m).received).last().asString().contains("Instruction from the operator",
                    "Split the work into two workers now.");
            assertThat(managers(h, o.id())).as("its manager lives: no second one").hasSize(1);
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.ACTIVE);
            passesEvery2s(h, clock, Duration.ofMinutes(5)); // the answer is progress: pokes count from zero again
            assertThat(h.auditCount(o.id(), "manager_poked")).isGreaterThan(3);
            assertThat(h.auditCount(o.id(), "supervisor_escalated")).isEqualTo(1);
        }
    }

    @Test
    void aManagerThatNoTargetCanTakeIsNotLeftWaitingUnseen() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            String local = h.db.read(tx -> tx.targets().byName("local")).orElseThrow().id();
            h.db.write(tx -> tx.targets().transition(local, dev.bosun.domain.TargetStatus.DISABLED, "maintenance",
                    Actor.OPERATOR));
            Objective o = h.objective(AgentKind.CLAUDE);
            passesEvery2s(h, clock, Duration.ofMinutes(10));
            assertThat(h.manager(o.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(h.auditCount(o.id(), "supervisor_escalated")).isEqualTo(1);
            assertThat(openEscalations(h, o.id())).singleElement().satisfies(q -> assertThat(q.text())
                    .contains("cannot start"));
            assertThat(managers(h, o.id())).as("no second manager").hasSize(1);
        }
    }

    @Test
    void aNoticeHandedToAManagerThatNeverStartedIsHeldAgainForTheNextOne() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            h.agentDoes(() -> h.run(h.manager(o.id())).exit(false, "crashed"));
            h.db.write(tx -> {
                tx.notices().hold(o.id(), "Bosun: PR #2 was closed without being merged.", Actor.ENGINE);
                return null;
            });
            h.claude.failStartsWith = "cannot reach the target";
            clock.advance(Duration.ofSeconds(91));
            h.pass(); // a manager is respawned with the notice, and fails to start
            assertThat(managers(h, o.id())).hasSize(2).last().satisfies(m -> assertThat(m.status())
                    .isEqualTo(SessionStatus.FAILED));

            h.claude.failStartsWith = null;
            clock.advance(Duration.ofSeconds(91));
            h.pass();
            Session third = h.manager(o.id());
            assertThat(third.status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.claude.lastLaunchOf(third.id()).prompt()).contains("PR #2 was closed without being merged");
        }
    }

    @Test
    void aMessageSentWhileItsAgentStartsReachesItOnceItRunsLongLivedOrOneShot() {
        for (AgentKind kind : List.of(AgentKind.CLAUDE, AgentKind.CODEX)) {
            try (EngineHarness h = new EngineHarness(dir.resolve(kind.name()), new ManualClock(), SETTINGS)) {
                h.agents(kind).holdStarts = new java.util.concurrent.CountDownLatch(1);
                Objective o = h.objective(kind);
                h.passLeavingStartsInFlight(); // its start is under way, held on the io thread
                Session m = h.manager(o.id());
                assertThat(m.status()).isEqualTo(SessionStatus.STARTING);
                h.await(h.ops.messageSession(m.id(), "Use the v2 API."));
                h.agents(kind).holdStarts.countDown();
                h.settle();
                if (kind == AgentKind.CLAUDE) {
                    assertThat(h.run(m).received).as(kind.label()).singleElement().asString()
                            .contains("Use the v2 API.");
                } else {
                    h.agentDoes(() -> h.run(m).exit(true, "turn done"));
                    assertThat(h.session(m.id()).status()).as("not idle with a message unread")
                            .isEqualTo(SessionStatus.QUEUED);
                    h.pass();
                    assertThat(h.codex.lastLaunchOf(m.id()).prompt()).contains("Use the v2 API.");
                }
                List<SteeringMessages.Message> unread = h.db.read(tx -> tx.steering().queued(m.id()));
                assertThat(unread).as(kind.label()).isEmpty();
            }
        }
    }

    @Test
    void aPokeOfAOneShotManagerMidTurnWaitsForTheTurnsEndInsteadOfCancellingIt() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CODEX);
            h.pass();
            Session m = h.manager(o.id());
            clock.advance(Duration.ofSeconds(91)); // a long turn: thinking, with no output
            h.pass();
            assertThat(h.auditCount(o.id(), "manager_poked")).isEqualTo(1);
            assertThat(h.run(m).alive()).as("the turn goes on").isTrue();
            assertThat(h.codex.startsOf(m.id())).isEqualTo(1);
            h.agentDoes(() -> h.run(m).exit(true, "turn done"));
            h.pass();
            assertThat(h.codex.startsOf(m.id())).isEqualTo(2);
            assertThat(h.codex.lastLaunchOf(m.id()).prompt()).contains("mark_objective_done");
            assertThat(queued(h, m.id())).isEmpty();
        }
    }

    @Test
    void aManagerWaitingOnItsOwnToolCallIsBusyNotQuiet() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            var push = new java.util.concurrent.CompletableFuture<Void>(); // publish_pr pushing a large branch
            var call = h.orchestration.agentOperations().busy(m.id(), () -> push);
            passesEvery2s(h, clock, Duration.ofMinutes(10));
            assertThat(h.auditCount(o.id(), "manager_poked")).isZero();
            push.complete(null);
            h.await(call);
            h.settle();
            passesEvery2s(h, clock, Duration.ofSeconds(88));
            assertThat(h.auditCount(o.id(), "manager_poked")).as("busy with the answer from then on").isZero();
            passesEvery2s(h, clock, Duration.ofSeconds(4));
            assertThat(h.auditCount(o.id(), "manager_poked")).isEqualTo(1);
        }
    }

    @Test
    void anAgentThatIsNotReadingHoldsNoOperationAndWhatItRefusedGoesFirstOnceItReadsAgain() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            var run = h.run(m);
            run.holdInput = true;

            // the operator's calls return while the writes wait
            h.await(h.ops.messageSession(m.id(), "first"));
            h.await(h.ops.messageSession(m.id(), "second"));
            assertThat(run.held).hasSize(2);
            assertThat(queued(h, m.id())).extracting(msg -> lastLine(msg.body())).containsExactly("first",
                    "second");

            run.held.get(0).complete(true); // it read the first
            run.held.get(1).complete(false); // and refused the second: not reading
            // each write's outcome is its own engine task: wait for both
            EngineHarness.waitFor(() -> queued(h, m.id()).size() == 1 && h.db.read(tx -> tx.transcripts()
                    .after(m.id(), 0, 1000)).stream().anyMatch(t -> t.content().contains("not delivered")));
            assertThat(queued(h, m.id())).extracting(msg -> lastLine(msg.body())).containsExactly("second");

            // the next message sends what it refused first, then itself
            run.holdInput = false;
            h.await(h.ops.messageSession(m.id(), "third"));
            assertThat(run.received).extracting(SupervisorEngineTest::lastLine).containsExactly("first", "second",
                    "third");
            assertThat(queued(h, m.id())).isEmpty();
        }
    }

    /** A message's own words, after the line that says who sent it. */
    static String lastLine(String text) {
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    @Test
    void aMessageWhoseWriteFailsStaysQueuedForTheNextStart() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            h.run(m).inputClosed = true; // the process is exiting: its stdin is gone
            h.await(h.ops.messageSession(m.id(), "Use the v2 API."));
            assertThat(queued(h, m.id())).singleElement()
                    .satisfies(msg -> assertThat(msg.body()).contains("Use the v2 API."));
            h.agentDoes(() -> h.run(m).exit(false, "crashed"));
            h.pass();
            assertThat(h.claude.lastLaunchOf(h.manager(o.id()).id()).prompt()).contains("Use the v2 API.");
        }
    }

    /** Starts every objective's manager, then two workers of {@code busy}, which take this machine's two slots. */
    static void fillTheTwoLocalSlots(EngineHarness h, Objective busy) {
        h.pass();
        h.worker(busy.id(), h.manager(busy.id()).id(), AgentKind.CODEX, "a", List.of());
        h.worker(busy.id(), h.manager(busy.id()).id(), AgentKind.CODEX, "b", List.of());
        h.pass();
    }

    /**
     * A host that never answers again: the worker bound to it (its checkout is there) cannot start however free this
     * machine is, so its objective waits for the operator, asked after idle + cooldown. Another objective's worker
     * queued behind busy slots is not stuck, and is not escalated because of it.
     */
    @Test
    void aWorkerWhoseHostNeverReturnsIsEscalatedButOneQueuedBehindBusySlotsIsNot() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) { // the local target has 2 slots
            Objective busy = h.objective(AgentKind.CLAUDE);
            Objective queued = h.objective(AgentKind.CLAUDE);
            Objective stranded = h.objective(AgentKind.CLAUDE);
            fillTheTwoLocalSlots(h, busy);
            Session behind = h.worker(queued.id(), h.manager(queued.id()).id(), AgentKind.CODEX, "c", List.of());
            Session onGone = h.worker(stranded.id(), h.manager(stranded.id()).id(), AgentKind.CODEX, "d", List.of());
            h.db.write(tx -> {
                var gone = tx.targets().create("gone", dev.bosun.domain.TargetKind.SSH,
                        dev.bosun.domain.TargetStatus.OFFLINE, "gone.lan", "", 22, "", "/srv/work", 4, "",
                        Actor.OPERATOR);
                tx.sessions().bindTarget(onGone.id(), gone.id());
                return null;
            });
            passesEvery2s(h, clock, Duration.ofSeconds(176));
            assertThat(openEscalations(h, stranded.id())).isEmpty();
            passesEvery2s(h, clock, Duration.ofSeconds(6));
            assertThat(h.session(onGone.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(openEscalations(h, stranded.id())).singleElement().satisfies(q -> assertThat(q.text())
                    .contains("cannot start: no target can take them"));
            assertThat(h.session(behind.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(openEscalations(h, queued.id())).as("it starts once a slot frees").isEmpty();
            assertThat(openEscalations(h, busy.id())).as("its workers run").isEmpty();
        }
    }

    @Test
    void workersThatNoTargetCanTakeAreNotLeftWaitingUnseenButWorkersQueuedBehindBusySlotsAre() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) { // the local target has 2 slots
            Objective busy = h.objective(AgentKind.CLAUDE);
            Objective queued = h.objective(AgentKind.CLAUDE);
            fillTheTwoLocalSlots(h, busy);
            Session waiting = h.worker(queued.id(), h.manager(queued.id()).id(), AgentKind.CODEX, "c", List.of());
            h.agentDoes(() -> h.run(h.manager(queued.id())).exit(false, "crashed"));
            passesEvery2s(h, clock, Duration.ofMinutes(10));
            assertThat(h.session(waiting.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(openEscalations(h, queued.id())).as("the queue moves once a slot frees").isEmpty();

            String local = h.db.read(tx -> tx.targets().byName("local")).orElseThrow().id();
            h.await(h.ops.targets().setStatus(local, dev.bosun.domain.TargetStatus.DISABLED));
            passesEvery2s(h, clock, Duration.ofSeconds(178));
            assertThat(openEscalations(h, queued.id())).isEmpty();
            passesEvery2s(h, clock, Duration.ofSeconds(4));
            assertThat(openEscalations(h, queued.id())).singleElement().satisfies(q -> assertThat(q.text())
                    .contains("The workers of \"Ship it\" cannot start: no target can take them"));
            assertThat(openEscalations(h, busy.id())).as("its workers run").isEmpty();
        }
    }

    @Test
    void aWorkerWhoseAgentNoTargetCanRunIsNotLeftWaitingUnseen() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass(); // its manager runs here
            String local = h.db.read(tx -> tx.targets().byName("local")).orElseThrow().id();
            h.await(h.ops.targets().setStatus(local, dev.bosun.domain.TargetStatus.DRAINING));
            // a host with free slots whose doctor found Claude Code on it, but not Codex
            h.db.write(tx -> {
                var box = tx.targets().create("claude-box", dev.bosun.domain.TargetKind.SSH, "box.invalid", "ci", 22,
                        "/srv/work", 4, dev.bosun.domain.Actor.OPERATOR);
                tx.targets().recordDoctor(box.id(), "✓ agent CLI: claude at /usr/bin/claude", 50_000L,
                        java.util.EnumSet.of(AgentKind.CLAUDE), "");
                return null;
            });
            Session w = h.worker(o.id(), h.manager(o.id()).id(), AgentKind.CODEX, "w", List.of());
            h.agentDoes(() -> h.run(h.manager(o.id())).exit(false, "crashed"));
            passesEvery2s(h, clock, Duration.ofMinutes(4));
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            assertThat(h.session(w.id()).targetId()).isNull();
            assertThat(openEscalations(h, o.id())).singleElement().satisfies(q -> assertThat(q.text())
                    .contains("cannot start: no target can take them", "lacks the CLI of its agent"));
        }
    }

    @Test
    void aWorkerThatExitsWithAMessageUnreadResumesWithItInsteadOfLeavingItQueued() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session w = h.worker(o.id(), h.manager(o.id()).id(), AgentKind.CODEX, "w", List.of());
            h.codex.holdStarts = new java.util.concurrent.CountDownLatch(1);
            h.passLeavingStartsInFlight(); // its start is under way
            h.await(h.ops.messageSession(w.id(), "Also update the changelog."));
            h.codex.holdStarts.countDown();
            h.settle();
            h.agentDoes(() -> h.run(w).exit(true, "done, without the message"));
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.QUEUED);
            h.pass();
            assertThat(h.codex.lastLaunchOf(w.id()).prompt()).contains("Also update the changelog.");
            assertThat(queued(h, w.id())).isEmpty();
        }
    }

    @Test
    void managersThatDieWhileStartingDoNotUseTheBudget() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            h.claude.failStartsWith = "cannot reach the target";
            Objective o = h.objective(AgentKind.CLAUDE);
            for (int i = 0; i < 8; i++) {
                h.pass();
                clock.advance(Duration.ofSeconds(91));
            }
            assertThat(managers(h, o.id())).hasSizeGreaterThan(4).allMatch(s -> !s.everRan());
            assertThat(openEscalations(h, o.id())).isEmpty();
            h.claude.failStartsWith = null;
            h.pass();
            assertThat(h.manager(o.id()).status()).isEqualTo(SessionStatus.RUNNING);
        }
    }

    @Test
    void aWorkerWaitingOnItsOwnQuestionParksTheObjectiveUntilTheOperatorAnswers() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session w = h.worker(o.id(), m.id(), AgentKind.CLAUDE, "w", List.of());
            h.pass();
            Question q = h.await(h.orchestration.agentOperations().askUser(w.id(),
                    "Which port should the server use?"));
            for (int i = 0; i < 600; i++) { // ten hours, a pass a minute
                clock.advance(Duration.ofMinutes(1));
                h.pass();
            }
            assertThat(h.auditCount(o.id(), "manager_poked") + h.auditCount(o.id(), "manager_respawned")
                    + h.auditCount(o.id(), "supervisor_escalated")).isZero();
            assertThat(h.db.read(tx -> tx.questions().byId(q.id())).orElseThrow().status())
                    .isEqualTo(QuestionStatus.OPEN);

            h.await(h.ops.answerQuestion(q.id(), "Use 8080."));
            h.settle();
            assertThat(h.run(w).received).singleElement().asString().contains("Which port", "Use 8080.");
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.ACTIVE);
        }
    }

    @Test
    void aWorkerThatAskedAndThenDiedLeavesNoObjectiveWaitingOnAQuestionNobodyCanAnswer() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session w = h.worker(o.id(), m.id(), AgentKind.CLAUDE, "w", List.of());
            h.pass();
            Question q = h.await(h.orchestration.agentOperations().askUser(w.id(), "Which port?"));
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.WAITING_USER);

            h.agentDoes(() -> h.run(w).exit(false, "segfault"));

            assertThat(h.db.read(tx -> tx.questions().byId(q.id())).orElseThrow().status())
                    .isEqualTo(QuestionStatus.CANCELED);
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .as("nothing is asked any more: the objective is driven again").isEqualTo(ObjectiveStatus.ACTIVE);
            assertThat(h.run(m).received).singleElement().asString().contains("segfault");
        }
    }

    @Test
    void anAnswerForASessionWithNoProcessIsDeliveredWhenItRunsAgain() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.COMMAND, "w", List.of());
            h.pass();
            Question q = h.await(h.orchestration.agentOperations().askUser(w.id(), "Delete the old table?"));
            h.agentDoes(() -> h.run(w).exit(false, "paused")); // a one-shot agent that stopped after asking
            // its question was closed with it; ask again from a session that waits without a process
            Session w2 = h.worker(o.id(), null, AgentKind.COMMAND, "w2", List.of());
            h.pass();
            Question q2 = h.await(h.orchestration.agentOperations().askUser(w2.id(), "Keep the backups?"));
            h.onEngine(() -> {
                h.orchestration.runs().remove(w2.id());
                return null;
            });
            assertThat(h.db.read(tx -> tx.questions().byId(q.id())).orElseThrow().status())
                    .isEqualTo(QuestionStatus.CANCELED);
            h.await(h.ops.answerQuestion(q2.id(), "Yes, keep them."));
            assertThat(h.session(w2.id()).status()).isEqualTo(SessionStatus.QUEUED);
            List<dev.bosun.store.SteeringMessages.Message> queued = h.db.read(tx -> tx.steering().queued(w2.id()));
            assertThat(queued).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("Yes, keep them."));
            h.pass();
            assertThat(h.command.lastLaunchOf(w2.id()).prompt()).contains("Yes, keep them.");
            List<dev.bosun.store.SteeringMessages.Message> all = h.db.read(tx -> tx.steering().all(w2.id()));
            assertThat(all).allMatch(m -> m.state() == SteeringMessages.State.DELIVERED);
            List<dev.bosun.domain.TranscriptEntry> transcript = h.db.read(tx -> tx.transcripts().after(w2.id(), 0,
                    100));
            assertThat(transcript)
                    .anyMatch(e -> e.content().contains("queued] The operator answered"))
                    .anyMatch(e -> e.content().contains("delivered: in the start prompt"));
        }
    }

    @Test
    void forcePokeBypassesIdleAndCooldownAndIsRefusedWithoutALiveManager() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            h.await(h.ops.forcePoke(o.id()));
            h.await(h.ops.forcePoke(o.id()));
            assertThat(h.run(m).received).hasSize(2);
            assertThat(h.audit(o.id())).filteredOn(e -> e.type().equals("manager_poked"))
                    .allMatch(e -> e.actor().equals("operator") && e.summary().equals("poked by the operator"));
            clock.advance(Duration.ofSeconds(60));
            h.await(h.ops.forcePoke(o.id()));
            clock.advance(Duration.ofSeconds(85)); // quiet for 145 s, but the operator poked 85 s ago
            h.pass();
            assertThat(h.run(m).received).as("the operator's poke started a cooldown").hasSize(3);
            clock.advance(Duration.ofSeconds(5));
            h.pass();
            assertThat(h.run(m).received).hasSize(4);

            h.agentDoes(() -> h.run(m).exit(false, "gone"));
            assertThatThrownBy(() -> h.await(h.ops.forcePoke(o.id()))).isInstanceOf(OperationRefused.class)
                    .hasMessageContaining("no live manager");
        }
    }

    @Test
    void aWorkerOutcomeTellsTheManagerExactlyWhatHappened() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Session a = h.worker(o.id(), m.id(), AgentKind.CODEX, "parser", List.of());
            Session b = h.worker(o.id(), m.id(), AgentKind.CODEX, "tests", List.of(a.id()));
            Session c = h.worker(o.id(), m.id(), AgentKind.COMMAND, "docs", List.of());
            h.pass();
            h.agentDoes(() -> h.run(a).exit(true, "parser written"));
            h.pass();
            h.agentDoes(() -> h.run(c).exit(false, "mkdocs missing"));
            h.agentDoes(() -> h.run(b).exit(true, "12 tests pass"));
            List<String> told = h.run(m).received;
            assertThat(told).hasSize(3);
            assertThat(told.get(0)).contains("\"parser\" (" + a.id() + ") succeeded", "parser written",
                    "1 session that depends on it "
                    + "is still pending", "wait");
            assertThat(told.get(1)).contains("\"docs\" (" + c.id() + ") failed", "mkdocs missing", "Do not publish");
            assertThat(told.get(2)).contains("\"tests\" (" + b.id() + ") succeeded and its chain is complete",
                    "Decide the next step",
                    "\"docs\" [worker] failed: mkdocs missing");
        }
    }

    @Test
    void aMessageToALiveOneShotAgentResumesItsConversationWithTheMessage() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session w = h.worker(o.id(), null, AgentKind.CODEX, "w", List.of());
            h.pass();
            h.onEngine(() -> h.orchestration.steering().deliver(w.id(), "Also update the changelog.", Actor.OPERATOR));
            h.settle();
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.QUEUED);
            h.pass();
            var launch = h.codex.lastLaunchOf(w.id());
            assertThat(launch.resumeRef()).isEqualTo("conv-" + w.id());
            assertThat(launch.prompt()).contains("Also update the changelog.").doesNotContain("do w");
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.RUNNING);
            List<dev.bosun.store.SteeringMessages.Message> all = h.db.read(tx -> tx.steering().all(w.id()));
            assertThat(all).singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo(SteeringMessages.State.DELIVERED));
        }
    }

    @Test
    void resolvingAnEscalationWithCancelEndsTheObjective() {
        ManualClock clock = new ManualClock();
        try (EngineHarness h = new EngineHarness(dir, clock, SETTINGS)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            for (int round = 0; round < 4; round++) {
                h.pass();
                h.agentDoes(() -> h.run(h.manager(o.id())).exit(false, "crashed"));
                clock.advance(Duration.ofSeconds(91));
            }
            h.pass();
            Question q = openEscalations(h, o.id()).get(0);
            assertThat(q.context()).contains("Workers:");
            h.await(h.ops.resolveEscalation(q.id(), new EscalationChoice.CancelObjective()));
            h.settle();
            assertThat(h.db.read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.CANCELED);
            List<Row.QuestionRow> rows = h.db.read(tx -> tx.rows().questions());
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.answer()).isEqualTo("cancel the objective"));
        }
    }
}
