package dev.bosun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Placement.Cancel;
import dev.bosun.domain.Placement.Place;
import dev.bosun.domain.Placement.Slots;
import dev.bosun.domain.Placement.Wait;
import dev.bosun.domain.Placement.Waiting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's placement, without a database: slots, the worker cap, the disk floor, bindings, dependencies. */
class PlacementTest {
    static final Placement.Settings SETTINGS = new Placement.Settings(3, 1024);

    static Waiting worker(String id) {
        return new Waiting(id, SessionRole.WORKER, null, Map.of(), false);
    }

    static Slots online(String id, int capacity, int used) {
        return new Slots(id, "t-" + id, TargetStatus.ONLINE, capacity, used, 50_000L);
    }

    @Test
    void workersGoToTheTargetWithTheMostFreeSlotsAndFillItSlotBySlot() {
        List<Placement.Decision> d = Placement.decide(List.of(worker("a"), worker("b"), worker("c")),
                List.of(online("x", 2, 1), online("y", 3, 1)), new Placement.Settings(10, 0));
        assertThat(d).containsExactly(new Place("a", "y", "t-y"), new Place("b", "x", "t-x"),
                new Place("c", "y", "t-y"));
    }

    @Test
    void aFullTargetAndTheWorkerCapMakeWorkersWaitButNotManagers() {
        Waiting manager = new Waiting("m", SessionRole.MANAGER, null, Map.of(), false);
        assertThat(Placement.decide(List.of(worker("a"), manager), List.of(online("x", 1, 1)), SETTINGS))
                .containsExactly(new Wait("a", Placement.NO_TARGET), new Place("m", "x", "t-x"));
        // three workers live already (one on a target that is offline now): the cap holds, across targets
        List<Slots> targets = List.of(online("x", 8, 2), new Slots("o", "off", TargetStatus.OFFLINE, 4, 1, null));
        assertThat(Placement.decide(List.of(worker("a"), manager), targets, SETTINGS))
                .containsExactly(new Wait("a", Placement.WORKER_CAP), new Place("m", "x", "t-x"));
    }

    @Test
    void aTargetBelowTheDiskFloorOrNotOnlineTakesNothingNewAndAnUnsampledOneDoes() {
        List<Slots> targets = List.of(new Slots("low", "low", TargetStatus.ONLINE, 8, 0, 1023L),
                new Slots("d", "draining", TargetStatus.DRAINING, 8, 0, 50_000L),
                new Slots("new", "new", TargetStatus.ONLINE, 1, 0, null));
        assertThat(Placement.decide(List.of(worker("a"), worker("b")), targets, SETTINGS))
                .containsExactly(new Place("a", "new", "new"), new Wait("b", Placement.NO_TARGET));
    }

    @Test
    void aBoundSessionWaitsForItsOwnTargetEvenWhenAnotherIsFree() {
        Waiting bound = new Waiting("a", SessionRole.WORKER, "x", Map.of(), false);
        assertThat(Placement.decide(List.of(bound), List.of(online("x", 1, 1), online("y", 4, 0)), SETTINGS))
                .containsExactly(new Wait("a", Placement.NO_TARGET));
        assertThat(Placement.decide(List.of(bound), List.of(online("x", 2, 1), online("y", 4, 0)), SETTINGS))
                .containsExactly(new Place("a", "x", "t-x"));
    }

    @Test
    void aBoundSessionWaitsForItsOfflineTargetSayingSoAndFailsOnceItIsRemoved() {
        Waiting bound = new Waiting("a", SessionRole.MANAGER, "x", Map.of(), false);
        Slots free = online("y", 4, 0);
        assertThat(Placement.decide(List.of(bound), List.of(new Slots("x", "box", TargetStatus.OFFLINE, 4, 0, null),
                free), SETTINGS)).containsExactly(new Wait("a", "waiting for its target box, which is offline"));
        assertThat(Placement.decide(List.of(bound), List.of(new Slots("x", "box~x1", TargetStatus.REMOVED, 4, 0, null),
                free), SETTINGS)).containsExactly(new Placement.Fail("a", "its target box was removed"));
        assertThat(Placement.decide(List.of(bound), List.of(free), SETTINGS))
                .containsExactly(new Placement.Fail("a", "its target x was removed"));
    }

    @Test
    void aSessionStartsOnlyOnceEveryDependencySucceededAndNeverTwice() {
        Waiting waits = new Waiting("a", SessionRole.WORKER, null, Map.of("d1", SessionStatus.SUCCEEDED,
                "d2", SessionStatus.RUNNING), false);
        Waiting ready = new Waiting("b", SessionRole.WORKER, null, Map.of("d1", SessionStatus.SUCCEEDED), false);
        Waiting starting = new Waiting("c", SessionRole.WORKER, null, Map.of(), true);
        assertThat(Placement.decide(List.of(waits, ready, starting), List.of(online("x", 4, 0)), SETTINGS))
                .containsExactly(new Place("b", "x", "t-x"));
    }

    @Test
    void aFailedDependencyCancelsTheWholeChainInOnePassWhateverTheOrder() {
        // c depends on b, b on a, a on a failed session; listed so that a single sweep would miss c
        Waiting c = new Waiting("c", SessionRole.WORKER, null, Map.of("b", SessionStatus.QUEUED), false);
        Waiting b = new Waiting("b", SessionRole.WORKER, null, Map.of("a", SessionStatus.QUEUED), false);
        Waiting a = new Waiting("a", SessionRole.WORKER, null, Map.of("f", SessionStatus.FAILED), false);
        Waiting free = worker("z");
        assertThat(Placement.decide(List.of(c, b, a, free), List.of(online("x", 4, 0)), SETTINGS))
                .containsExactlyInAnyOrder(new Cancel("a", "f"), new Cancel("b", "a"), new Cancel("c", "b"),
                        new Place("z", "x", "t-x"));
    }

    @Test
    void aSessionGoesOnlyWhereItsAgentsCliIsAndSaysSoWhenNoTargetHasIt() {
        Waiting codex = new Waiting("a", SessionRole.WORKER, null, Map.of(), false, AgentKind.CODEX);
        Slots claudeOnly = new Slots("x", "t-x", TargetStatus.ONLINE, 8, 0, 50_000L,
                java.util.EnumSet.of(AgentKind.CLAUDE, AgentKind.DEMO));
        Slots both = new Slots("y", "t-y", TargetStatus.ONLINE, 1, 0, 50_000L,
                java.util.EnumSet.of(AgentKind.CLAUDE, AgentKind.CODEX));
        assertThat(Placement.decide(List.of(codex), List.of(claudeOnly, both), SETTINGS))
                .as("the one with fewer free slots, since only it has codex").containsExactly(new Place("a", "y", "t-y"));
        assertThat(Placement.decide(List.of(codex), List.of(claudeOnly), SETTINGS))
                .containsExactly(new Wait("a", Placement.noTargetRuns(AgentKind.CODEX)));
        assertThat(Placement.noTargetRuns(AgentKind.CODEX)).contains("no online target can run Codex", "codex");
        assertThat(Placement.stuck(List.of(codex), List.of(claudeOnly), SETTINGS))
                .as("no end of other work will let it start: the operator must be told").containsExactly("a");
        assertThat(Placement.stuck(List.of(codex), List.of(claudeOnly, both), SETTINGS)).isEmpty();
        Slots notExamined = new Slots("z", "t-z", TargetStatus.ONLINE, 2, 0, null);
        assertThat(Placement.decide(List.of(codex), List.of(notExamined), SETTINGS))
                .as("a target no doctor answered yet may run anything").containsExactly(new Place("a", "z", "t-z"));
    }

    /**
     * A worker bound to a host that went offline (its checkout is there) cannot start however free this machine is,
     * nor can what depends on it, to the end of the chain; one queued behind busy slots or the worker cap starts once
     * others end, and so does one waiting on it or on a running worker.
     */
    @Test
    void aWorkerBoundToAnOfflineHostIsStuckEvenWithRoomElsewhereButOneQueuedBehindBusySlotsIsNot() {
        Slots here = online("x", 2, 2); // full
        Slots gone = new Slots("h", "t-h", TargetStatus.OFFLINE, 4, 0, 50_000L);
        Waiting onGone = new Waiting("a", SessionRole.WORKER, "h", Map.of(), false);
        Waiting queued = worker("b");
        Waiting onQueued = new Waiting("c", SessionRole.WORKER, null, Map.of("b", SessionStatus.QUEUED), false);
        Waiting onRunning = new Waiting("r", SessionRole.WORKER, null, Map.of("z", SessionStatus.RUNNING), false);
        Waiting starting = new Waiting("d", SessionRole.WORKER, "h", Map.of(), true);
        Waiting manager = new Waiting("m", SessionRole.MANAGER, "h", Map.of(), false);
        // listed before what it waits on: the chain is followed whatever the order
        Waiting chainEnd = new Waiting("f", SessionRole.WORKER, null, Map.of("e", SessionStatus.QUEUED), false);
        Waiting onStuck = new Waiting("e", SessionRole.WORKER, null, Map.of("a", SessionStatus.WAITING_CAPACITY,
                "r", SessionStatus.SUCCEEDED), false);
        assertThat(Placement.stuck(List.of(chainEnd, onGone, queued, onQueued, onRunning, starting, manager,
                onStuck), List.of(here, gone), new Placement.Settings(1, 1024)))
                .containsExactlyInAnyOrder("a", "e", "f");
        assertThat(Placement.stuck(List.of(onGone), List.of(here, online("h", 1, 0)), SETTINGS))
                .as("its host is back").isEmpty();
    }
}
