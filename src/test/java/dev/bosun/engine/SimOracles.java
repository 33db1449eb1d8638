package dev.bosun.engine;

import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.AuditType;
import dev.bosun.domain.Objective;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.store.SteeringMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants the product promises, each checked after every step of a {@link SimulatedHistory}. Each returns
 * what it saw broken, or null. {@link #ORACLES} names them, so the test can count failing seeds per oracle.
 */
final class SimOracles {
    static final List<String> ORACLES = List.of("one live manager", "no supervisor action while a worker is live",
            "managers budget", "one standing escalation", "messages delivered exactly once", "gc keeps work",
            "no objective ends with work in no PR", "every change audited", "a manager gets the whole prompt",
            "pokes without progress are bounded", "gc leaks nothing", "a poke never cuts a manager's turn",
            "a dependent starts from its dependencies' commits", "a manager hears every PR's end", "liveness");
    /**
     * How long an objective may go with nothing happening and nobody asked: the supervisor's idle time and cooldown,
     * the longest time step (a pass runs at its end), and a pass's slack.
     */
    static final Duration LIVENESS_BOUND = SimulatedHistory.SUPERVISION.idleAfter()
            .plus(SimulatedHistory.SUPERVISION.cooldown()).plus(SimulatedHistory.MAX_TIME_STEP).plusSeconds(10);
    private static final Pattern TOKEN = Pattern.compile("\\[(op|ans)-\\d+]");
    private static final Set<String> SUPERVISOR_ACTIONS = Set.of(AuditType.MANAGER_POKED.wire(),
            AuditType.MANAGER_RESPAWNED.wire(), AuditType.SUPERVISOR_ESCALATED.wire());

    private final SimulatedHistory h;
    private Map<String, Set<String>> liveWorkersBefore = Map.of();
    private long lastSeq;
    private final Set<String> vanished = new HashSet<>();
    private final Set<String> endedChecked = new HashSet<>();
    private final Set<SimAgents.SimRun> checkedStarts = new HashSet<>();
    /** The oracle that failed last (null if none). */
    String failed;

    SimOracles(SimulatedHistory h) {
        this.h = h;
    }

    /** Every oracle; the first violation, or null. */
    String check() {
        failed = null;
        List<Objective> objectives = h.db.read(tx -> tx.objectives().all());
        Map<String, List<Session>> sessions = new HashMap<>();
        for (Objective o : objectives) {
            sessions.put(o.id(), h.db.read(tx -> tx.sessions().forObjective(o.id())));
        }
        List<AuditEvent> fresh = h.db.read(tx -> tx.audit().after(lastSeq, 1_000_000));
        if (!fresh.isEmpty()) {
            lastSeq = fresh.get(fresh.size() - 1).seq();
        }
        String v = null;
        for (int k = 0; k < ORACLES.size() && v == null; k++) {
            v = switch (k) {
                case 0 -> oneLiveManager(objectives, sessions);
                case 1 -> noSupervisorActionWhileAWorkerIsLive(fresh, sessions);
                case 2 -> managersBudget();
                case 3 -> oneStandingEscalation(objectives);
                case 4 -> messagesDeliveredExactlyOnce(sessions);
                case 5 -> gcKeepsWork();
                case 6 -> noObjectiveEndsWithWorkInNoPr(objectives, sessions);
                case 7 -> everyChangeAudited(objectives, sessions);
                case 8 -> managersGetTheWholePrompt(objectives);
                case 9 -> pokesWithoutProgressAreBounded(objectives);
                case 10 -> gcLeaksNothing();
                case 11 -> noPokeCutsAManagersTurn(fresh, sessions);
                case 12 -> dependentsStartFromTheirDependencies();
                case 13 -> managersHearEveryPrsEnd(objectives, sessions);
                default -> h.passed ? liveness(objectives, sessions) : null;
            };
            if (v != null) {
                failed = ORACLES.get(k);
                v = failed + ": " + v;
            }
        }
        Map<String, Set<String>> live = new HashMap<>();
        sessions.forEach((o, list) -> live.put(o, liveWorkers(list)));
        liveWorkersBefore = live;
        return v;
    }

    private static Set<String> liveWorkers(List<Session> sessions) {
        Set<String> ids = new HashSet<>();
        for (Session s : sessions) {
            if (s.role() != SessionRole.MANAGER && SessionStatus.LIVE.contains(s.status())) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    private String oneLiveManager(List<Objective> objectives, Map<String, List<Session>> sessions) {
        for (Objective o : objectives) {
            long live = sessions.get(o.id()).stream().filter(s -> s.role() == SessionRole.MANAGER
                    && SessionStatus.LIVE.contains(s.status())).count();
            if (live > 1) {
                return o.title() + " has " + live + " live managers";
            }
        }
        return null;
    }

    /**
     * A worker live before the step and still live after it was live all through it. A poke or respawn never comes
     * while a worker is live; an escalation (which only asks the operator) never while one holds a slot.
     */
    private String noSupervisorActionWhileAWorkerIsLive(List<AuditEvent> fresh, Map<String, List<Session>> sessions) {
        for (AuditEvent e : fresh) {
            if (!SUPERVISOR_ACTIONS.contains(e.type()) || !"supervisor".equals(e.actor())) {
                continue;
            }
            Set<String> throughout = new HashSet<>(liveWorkersBefore.getOrDefault(e.objectiveId(), Set.of()));
            throughout.retainAll(liveWorkers(sessions.getOrDefault(e.objectiveId(), List.of())));
            if (e.type().equals(AuditType.SUPERVISOR_ESCALATED.wire())) {
                Set<String> holding = new HashSet<>();
                sessions.getOrDefault(e.objectiveId(), List.of()).stream()
                        .filter(s -> SessionStatus.HOLDS_SLOT.contains(s.status())).forEach(s -> holding.add(s.id()));
                throughout.retainAll(holding);
            }
            if (!throughout.isEmpty()) {
                return e.type() + " (" + e.summary() + ") while worker " + throughout + " was live";
            }
        }
        return null;
    }

    private String managersBudget() {
        for (ObjectiveRow r : h.db.read(tx -> tx.rows().objectives())) {
            Integer own = h.db.read(tx -> tx.objectives().byId(r.id())).orElseThrow().maxManagers();
            int budget = (own != null ? own : SimulatedHistory.SUPERVISION.respawnBudget()) + r.respawnGrant();
            if (r.managersRan() > budget) {
                return r.title() + ": " + r.managersRan() + " managers ran, budget " + budget;
            }
        }
        return null;
    }

    private String oneStandingEscalation(List<Objective> objectives) {
        for (Objective o : objectives) {
            long open = h.db.read(tx -> tx.questions().openFor(o.id())).stream()
                    .filter(q -> q.kind() == QuestionKind.ESCALATION).count();
            if (open > 1) {
                return o.title() + " has " + open + " open escalations";
            }
        }
        return null;
    }

    /**
     * Each message the simulation sent carries a token. Never marked delivered unless its session's agent got it; no
     * agent ever gets it twice; none waits queued while its agent reads its input, nor is left unread by a session
     * that ended well (one that crashed or was canceled keeps it queued, shown undelivered in its transcript).
     */
    private String messagesDeliveredExactlyOnce(Map<String, List<Session>> sessions) {
        Map<String, Integer> received = new HashMap<>();
        Map<String, Set<String>> receivedBy = new HashMap<>();
        for (SimAgents.SimRun r : h.allRuns()) {
            for (String text : r.told()) {
                Matcher m = TOKEN.matcher(text);
                while (m.find()) {
                    received.merge(m.group(), 1, Integer::sum);
                    receivedBy.computeIfAbsent(m.group(), k -> new HashSet<>()).add(r.sessionId());
                }
            }
        }
        for (var e : received.entrySet()) {
            if (e.getValue() > 1) {
                return e.getKey() + " reached agents " + e.getValue() + " times";
            }
        }
        Set<String> reading = new HashSet<>();
        for (SimAgents.SimRun r : h.allRuns()) {
            if (r.alive && !r.orphaned && r.interactive() && !r.inputClosed) {
                reading.add(r.sessionId());
            }
        }
        for (List<Session> list : sessions.values()) {
            for (Session s : list) {
                if (s.status() == SessionStatus.RUNNING && reading.contains(s.id())
                        && !h.db.read(tx -> tx.steering().queued(s.id())).isEmpty()) {
                    return "a message waits queued for " + s.title() + ", whose agent runs and reads its input";
                }
                if (s.status() == SessionStatus.SUCCEEDED
                        && !h.db.read(tx -> tx.steering().queued(s.id())).isEmpty()) {
                    return "a message is left queued for " + s.title() + ", which has " + s.status().wire();
                }
                for (SteeringMessages.Message m : h.db.read(tx -> tx.steering().all(s.id()))) {
                    Matcher t = TOKEN.matcher(m.body());
                    if (m.state() == SteeringMessages.State.DELIVERED && t.find()
                            && !receivedBy.getOrDefault(t.group(), Set.of()).contains(s.id())) {
                        return t.group() + " marked delivered to " + s.title() + " but its agent never got it";
                    }
                }
            }
        }
        return null;
    }

    /**
     * A deleted checkout held nothing found nowhere else (every commit an agent made there is in the origin), and no
     * checkout a live session works in is deleted.
     */
    private String gcKeepsWork() {
        for (var e : h.commitsByPath.entrySet()) {
            if (vanished.contains(e.getKey()) || Files.exists(Path.of(e.getKey()))) {
                continue;
            }
            vanished.add(e.getKey());
            for (String sha : e.getValue()) {
                if (!SimulatedHistory.inOrigin(h.origin, sha)) {
                    return e.getKey() + " was deleted with commit " + sha.substring(0, 8) + " found nowhere else";
                }
            }
        }
        for (Session s : h.db.read(tx -> tx.sessions().live())) {
            if (s.workspaceId() == null) {
                continue;
            }
            Workspace w = h.db.read(tx -> tx.workspaces().byId(s.workspaceId())).orElseThrow();
            if (WorkspaceStatus.ON_DISK.contains(w.status()) && !Files.isDirectory(Path.of(w.path()))) {
                return "the checkout of live session " + s.title() + " was deleted (" + w.status().wire() + ")";
            }
        }
        return null;
    }

    /** An objective that succeeded left no succeeded worker's commits outside a PR, unless its manager said why. */
    private String noObjectiveEndsWithWorkInNoPr(List<Objective> objectives, Map<String, List<Session>> sessions) {
        for (Objective o : objectives) {
            if (o.status() != ObjectiveStatus.SUCCEEDED || !endedChecked.add(o.id())) {
                continue;
            }
            for (Session w : sessions.get(o.id())) {
                List<String> commits = h.commitsBySession.getOrDefault(w.id(), List.of());
                if (w.role() == SessionRole.MANAGER || w.status() != SessionStatus.SUCCEEDED || commits.isEmpty()
                        || h.db.read(tx -> tx.sessions().discardedReason(w.id())).isPresent()) {
                    continue;
                }
                for (String sha : commits) {
                    if (!SimulatedHistory.inOrigin(h.origin, sha)) {
                        return o.title() + " succeeded while " + w.title() + "'s commit " + sha.substring(0, 8)
                                + " is in no PR and was not discarded";
                    }
                }
            }
        }
        return null;
    }

    /** A manager that starts afresh (a respawn) is given the objective's prompt whole, however long. */
    private String managersGetTheWholePrompt(List<Objective> objectives) {
        Map<String, String> prompts = new HashMap<>();
        objectives.forEach(o -> prompts.put(o.id(), o.prompt()));
        for (SimAgents.SimRun r : h.allRuns()) {
            if (r.launch.role() == SessionRole.MANAGER && r.launch.resumeRef() == null
                    && !r.launch.prompt().contains(prompts.get(r.launch.objectiveId()))) {
                return "a manager of " + r.launch.objectiveId() + " started without the whole prompt ("
                        + prompts.get(r.launch.objectiveId()).length() + " characters)";
            }
        }
        return null;
    }

    /** The supervisor pokes a manager at most max.pokes times without progress before it asks the operator. */
    private String pokesWithoutProgressAreBounded(List<Objective> objectives) {
        for (Objective o : objectives) {
            int pokes = 0;
            for (AuditEvent e : h.db.read(tx -> tx.audit().forObjective(o.id()))) {
                AuditType type = java.util.Arrays.stream(AuditType.values()).filter(t -> t.wire().equals(e.type()))
                        .findFirst().orElse(null);
                if (type != null && type.progress()) {
                    pokes = 0;
                } else if (type == AuditType.MANAGER_POKED && "supervisor".equals(e.actor())
                        && ++pokes > SimulatedHistory.SUPERVISION.maxPokes()) {
                    return o.title() + "'s manager was poked " + pokes + " times without progress";
                }
            }
        }
        return null;
    }

    /** A message to a manager mid-turn waits for the turn's end: its process is never stopped to deliver it. */
    private String noPokeCutsAManagersTurn(List<AuditEvent> fresh, Map<String, List<Session>> sessions) {
        Set<String> managers = new HashSet<>();
        sessions.values().forEach(list -> list.stream().filter(s -> s.role() == SessionRole.MANAGER)
                .forEach(s -> managers.add(s.id())));
        for (AuditEvent e : fresh) {
            if (managers.contains(e.sessionId()) && e.summary().contains("restarting to deliver a message")) {
                return "a manager's turn was cut short to deliver a message";
            }
        }
        return null;
    }

    /** A worker that depends on others starts with every commit they made (once per run: it is a git call). */
    private String dependentsStartFromTheirDependencies() {
        for (SimAgents.SimRun r : h.allRuns()) {
            if (r.launch.workDir() == null || !checkedStarts.add(r)) {
                continue;
            }
            for (String dep : h.db.read(tx -> tx.sessions().dependencies(r.sessionId()))) {
                for (String sha : h.commitsBySession.getOrDefault(dep, List.of())) {
                    if (!SimulatedHistory.isAncestor(r.launch.workDir(), sha)) {
                        return "a dependent started without its dependency's commit " + sha.substring(0, 8);
                    }
                }
            }
        }
        return null;
    }

    /** What the GC archived is gone from disk, unless a newer checkout of the same session took its path. */
    /**
     * A PR of a live objective that was merged or closed (from the console, or on its forge) reached a manager, or is
     * still on its way to one: queued for a live manager, or held for the next. Never dropped because no manager was
     * live when it happened (known failure 3).
     */
    private String managersHearEveryPrsEnd(List<Objective> objectives, Map<String, List<Session>> sessions) {
        for (Objective o : objectives) {
            if (o.status().terminal()) {
                continue;
            }
            Set<String> managers = new HashSet<>();
            List<String> onTheirWay = new java.util.ArrayList<>(h.db.read(tx -> tx.notices().held(o.id())));
            for (Session s : sessions.get(o.id())) {
                if (s.role() == SessionRole.MANAGER) {
                    managers.add(s.id());
                    if (!s.status().terminal()) {
                        h.db.read(tx -> tx.steering().queued(s.id())).forEach(m -> onTheirWay.add(m.body()));
                    }
                }
            }
            for (SimAgents.SimRun r : h.allRuns()) {
                if (managers.contains(r.sessionId())) {
                    onTheirWay.addAll(r.told());
                }
            }
            for (PullRequest pr : h.db.read(tx -> tx.pullRequests().forObjective(o.id()))) {
                String ended = switch (pr.status()) {
                    case MERGED -> "was merged into";
                    case CLOSED -> "was closed without being merged";
                    default -> null;
                };
                String said = "PR #" + pr.number() + " \"" + pr.title() + "\" " + ended;
                if (ended != null && onTheirWay.stream().noneMatch(t -> t.contains(said))) {
                    return o.title() + ": no manager heard that PR #" + pr.number() + " " + ended + ", and nothing "
                            + "holds it for the next one";
                }
            }
        }
        return null;
    }

    private String gcLeaksNothing() {
        List<Workspace> all = new java.util.ArrayList<>();
        for (var r : h.db.read(tx -> tx.rows().workspaces())) {
            h.db.read(tx -> tx.workspaces().byId(r.id())).ifPresent(all::add);
        }
        Set<String> inUse = new HashSet<>();
        all.stream().filter(w -> !w.status().terminal()).forEach(w -> inUse.add(w.path()));
        for (Workspace w : all) {
            if (w.status() == WorkspaceStatus.ARCHIVED && !inUse.contains(w.path())
                    && Files.exists(Path.of(w.path()))) {
                return w.path() + " is archived but still on disk";
            }
        }
        return null;
    }

    /** The audit trail's last status change of each session and objective is its status now. */
    private String everyChangeAudited(List<Objective> objectives, Map<String, List<Session>> sessions) {
        for (Objective o : objectives) {
            Map<String, String> lastOf = new HashMap<>();
            String objectiveLast = null;
            for (AuditEvent e : h.db.read(tx -> tx.audit().forObjective(o.id()))) {
                if (e.type().startsWith("session_") && e.sessionId() != null) {
                    lastOf.put(e.sessionId(), e.type()); // session_created, or a status change
                } else if (e.type().startsWith("objective_")) {
                    objectiveLast = e.type();
                }
            }
            boolean objectiveOk = o.status() == ObjectiveStatus.ACTIVE && AuditType.OBJECTIVE_CREATED.wire()
                    .equals(objectiveLast) || ("objective_" + o.status().wire()).equals(objectiveLast);
            if (!objectiveOk) {
                return o.title() + " is " + o.status().wire() + " but its last audited change is " + objectiveLast;
            }
            for (Session s : sessions.get(o.id())) {
                String last = lastOf.get(s.id());
                boolean created = AuditType.SESSION_CREATED.wire().equals(last) && s.status() == SessionStatus.QUEUED;
                if (!created && !("session_" + s.status().wire()).equals(last)) {
                    return s.title() + " of " + o.title() + " is " + s.status().wire() + " but its last audited "
                            + "change is " + last;
                }
            }
        }
        return null;
    }

    /**
     * Every objective not ended is, within {@link #LIVENESS_BOUND}, driven (something happened to it, or a worker of it
     * runs) or waits on the operator where the operator sees it: an open question, or its PR shown as waiting for
     * review.
     */
    private String liveness(List<Objective> objectives, Map<String, List<Session>> sessions) {
        Instant now = h.clock.instant();
        int capacity = h.db.read(tx -> tx.targets().all()).stream().mapToInt(t -> t.capacity()).sum();
        long holding = sessions.values().stream().flatMap(List::stream).filter(s -> s.role() != SessionRole.MANAGER
                && SessionStatus.HOLDS_SLOT.contains(s.status())).count();
        boolean slotsFull = holding >= capacity;
        Map<String, ObjectiveRow> rows = new HashMap<>();
        h.db.read(tx -> tx.rows().objectives()).forEach(r -> rows.put(r.id(), r));
        for (Objective o : objectives) {
            if (o.status().terminal()) {
                continue;
            }
            List<Question> open = h.db.read(tx -> tx.questions().openFor(o.id()));
            ObjectiveRow row = rows.get(o.id());
            if (!open.isEmpty() || row.manager().reviewPr() > 0) {
                continue;
            }
            if (o.status() == ObjectiveStatus.WAITING_USER) {
                return o.title() + " waits for the operator with no open question";
            }
            boolean workerRuns = sessions.get(o.id()).stream().anyMatch(s -> s.role() != SessionRole.MANAGER
                    && SessionStatus.HOLDS_SLOT.contains(s.status()));
            // a worker queued behind others' running work is driven too: it starts when a slot frees
            boolean queuedForASlot = slotsFull && sessions.get(o.id()).stream().anyMatch(s -> s.role()
                    != SessionRole.MANAGER && s.status().startable());
            if (workerRuns || queuedForASlot) {
                continue;
            }
            Instant last = lastHappening(o, sessions.get(o.id()));
            if (Duration.between(last, now).compareTo(LIVENESS_BOUND) > 0) {
                return o.title() + " had nothing happen for " + Duration.between(last, now).toSeconds() + " s and "
                        + "nobody was asked (manager " + row.manager().wire() + ")";
            }
        }
        return null;
    }

    private Instant lastHappening(Objective o, List<Session> sessions) {
        Instant last = o.updatedAt();
        for (Session s : sessions) {
            last = max(last, s.updatedAt());
            if (s.lastOutputAt() != null) {
                last = max(last, s.lastOutputAt());
            }
        }
        List<AuditEvent> events = h.db.read(tx -> tx.audit().forObjective(o.id()));
        if (!events.isEmpty()) {
            last = max(last, events.get(events.size() - 1).at());
        }
        return last;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
