package dev.bosun.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each waiting session starts, decided as a pure function of (waiting sessions, targets, settings), like
 * {@link SupervisorPolicy}: the scheduler loads the facts, asks, and applies the decisions.
 *
 * <p>Rules: a session with a dependency that failed or was canceled is canceled, and so is every session that depends
 * on
 * it, to a fixed point (a whole chain in one pass, whatever order its sessions come in). A session starts only once
 * every dependency succeeded, and never while its start is already under way. It goes to an online target whose last
 * disk sample is not below the floor ({@code minFreeDiskMb}), to its own target if it is bound to one (asked for by its
 * manager, or holding a checkout there), and fails once that target is removed. A worker needs a free slot there and
 * stays under the worker cap across all targets; a manager is exempt from both. Of the targets that fit, the one with
 * the most free slots wins (the first listed, on a tie). A session that fits nowhere waits, with the reason.
 */
public final class Placement {
    private Placement() {}

    /** {@code workerCap}: live workers across all targets. */
    public record Settings(int workerCap, long minFreeDiskMb) {}

    /**
     * A session waiting to start; {@code targetId} is null when it may go anywhere; {@code dependencies} maps each
     * session it depends on to that session's status; {@code starting}: its start is under way already; {@code agent}
     * the kind of agent it runs (null: any target will do).
     */
    public record Waiting(String sessionId, SessionRole role, String targetId, Map<String, SessionStatus> dependencies,
            boolean starting, AgentKind agent) {
        public Waiting {
            dependencies = Map.copyOf(dependencies);
        }

        public Waiting(String sessionId, SessionRole role, String targetId, Map<String, SessionStatus> dependencies,
                boolean starting) {
            this(sessionId, role, targetId, dependencies, starting, null);
        }
    }

    /**
     * A target as placement sees it; {@code freeDiskMb} is null before its disk was first sampled; {@code agents} the
     * kinds of agent its doctor found it can run (null before it was examined: any).
     */
    public record Slots(String targetId, String name, TargetStatus status, int capacity, int usedByWorkers,
            Long freeDiskMb, Set<AgentKind> agents) {
        public Slots(String targetId, String name, TargetStatus status, int capacity, int usedByWorkers,
                Long freeDiskMb) {
            this(targetId, name, status, capacity, usedByWorkers, freeDiskMb, null);
        }

        boolean runs(AgentKind agent) {
            return agents == null || agent == null || agent == AgentKind.COMMAND || agents.contains(agent);
        }
    }

    /** What to do with one waiting session. */
    public sealed interface Decision {
        String sessionId();
    }

    /** Cancel it: {@code blocker} (a dependency, or a session canceled for the same reason) did not succeed. */
    public record Cancel(String sessionId, String blocker) implements Decision {}

    /** Leave it waiting for capacity, because of {@code reason}. */
    public record Wait(String sessionId, String reason) implements Decision {}

    /** Fail it: the target it is bound to (its checkout's, or its dependency's work's) was removed. */
    public record Fail(String sessionId, String reason) implements Decision {}

    /** Start it on the target. */
    public record Place(String sessionId, String targetId, String targetName) implements Decision {}

    public static final String NO_TARGET = "no online target with a free slot";
    public static final String WORKER_CAP = "worker cap reached";

    /** Why a session waits when online targets have room but none has its agent's CLI. */
    public static String noTargetRuns(AgentKind agent) {
        return "no online target can run " + agent.label() + " (the doctor found no " + switch (agent) {
            case CLAUDE -> "claude";
            case CODEX -> "codex";
            case DEMO -> "java";
            case COMMAND -> "command";
        } + " on them): install it on a target and run that target's doctor";
    }

    /** Decisions in the order of {@code waiting} (oldest first); a session with nothing to do yet gets none. */
    public static List<Decision> decide(List<Waiting> waiting, List<Slots> targets, Settings settings) {
        Map<String, String> doomed = blocked(waiting);
        List<Decision> out = new ArrayList<>();
        doomed.forEach((id, blocker) -> out.add(new Cancel(id, blocker)));
        List<Slots> usable = targets.stream().filter(t -> usable(t, settings)).toList();
        Map<String, Integer> used = new HashMap<>();
        targets.forEach(t -> used.put(t.targetId(), t.usedByWorkers()));
        int liveWorkers = targets.stream().mapToInt(Slots::usedByWorkers).sum();
        for (Waiting s : waiting) {
            if (s.starting() || doomed.containsKey(s.sessionId())
                    || !s.dependencies().values().stream().allMatch(st -> st == SessionStatus.SUCCEEDED)) {
                continue;
            }
            Optional<Slots> own = s.targetId() == null ? Optional.empty()
                    : targets.stream().filter(t -> t.targetId().equals(s.targetId())).findFirst();
            if (s.targetId() != null && (own.isEmpty() || own.get().status() == TargetStatus.REMOVED)) {
                String name = own.map(Slots::name).orElse(s.targetId());
                // a removed target gave up its name for name~<id>: the operator knew it by the first part
                out.add(new Fail(s.sessionId(), "its target " + name.replaceFirst("~.*", "") + " was removed"));
                continue;
            }
            boolean manager = s.role() == SessionRole.MANAGER;
            List<Slots> allowed = usable.stream()
                    .filter(t -> s.targetId() == null || t.targetId().equals(s.targetId())).toList();
            Optional<Slots> target = allowed.stream().filter(t -> t.runs(s.agent()))
                    .filter(t -> manager || t.capacity() - used.get(t.targetId()) > 0)
                    .max(Comparator.comparingInt(t -> t.capacity() - used.get(t.targetId())));
            if (target.isEmpty() || !manager && liveWorkers >= settings.workerCap()) {
                boolean noneRuns = !allowed.isEmpty() && allowed.stream().noneMatch(t -> t.runs(s.agent()));
                out.add(new Wait(s.sessionId(), target.isPresent() ? WORKER_CAP
                        : noneRuns ? noTargetRuns(s.agent())
                        : own.isPresent() && !usable(own.get(), settings) ? "waiting for its target " + own.get().name()
                                + ", which is " + own.get().status().wire() : NO_TARGET));
                continue;
            }
            if (!manager) {
                used.merge(target.get().targetId(), 1, Integer::sum);
                liveWorkers++;
            }
            out.add(new Place(s.sessionId(), target.get().targetId(), target.get().name()));
        }
        return out;
    }

    /**
     * The waiting workers that cannot start until the operator acts: no target that may take one could, even once its
     * busy slots free (its own target, if it is bound to one because its checkout is there, is offline, disabled,
     * draining, low on disk, at capacity 0 or removed; or no target runs its agent), or it waits on a dependency that
     * is stuck itself, to a fixed point. A worker queued behind busy slots or the worker cap, or waiting on a running
     * dependency, is not stuck: it starts when others end.
     */
    public static Set<String> stuck(List<Waiting> waiting, List<Slots> targets, Settings settings) {
        java.util.HashSet<String> stuck = new java.util.HashSet<>();
        for (Waiting w : waiting) {
            boolean someTargetCould = targets.stream()
                    .filter(t -> w.targetId() == null || t.targetId().equals(w.targetId()))
                    .anyMatch(t -> usable(t, settings) && t.capacity() > 0 && t.runs(w.agent()));
            if (w.role() != SessionRole.MANAGER && !w.starting() && !someTargetCould) {
                stuck.add(w.sessionId());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Waiting w : waiting) {
                if (w.role() != SessionRole.MANAGER && !w.starting() && !stuck.contains(w.sessionId())
                        && w.dependencies().entrySet().stream().anyMatch(d -> d.getValue() != SessionStatus.SUCCEEDED
                                && stuck.contains(d.getKey()))) {
                    stuck.add(w.sessionId());
                    changed = true;
                }
            }
        }
        return stuck;
    }

    private static boolean usable(Slots t, Settings settings) {
        return t.status() == TargetStatus.ONLINE
                && (t.freeDiskMb() == null || t.freeDiskMb() >= settings.minFreeDiskMb());
    }

    /** Waiting session → the dependency that dooms it, to a fixed point. */
    private static Map<String, String> blocked(List<Waiting> waiting) {
        Map<String, String> doomed = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Waiting s : waiting) {
                if (doomed.containsKey(s.sessionId())) {
                    continue;
                }
                Optional<String> blocker = s.dependencies().entrySet().stream()
                        .filter(d -> SessionStatus.UNSUCCESSFUL.contains(d.getValue())
                                || doomed.containsKey(d.getKey()))
                        .map(Map.Entry::getKey).sorted().findFirst();
                if (blocker.isPresent()) {
                    doomed.put(s.sessionId(), blocker.get());
                    changed = true;
                }
            }
        }
        return doomed;
    }
}
