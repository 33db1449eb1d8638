package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.StateMachine;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.exec.SshTarget;
import dev.bosun.store.Database;
import dev.bosun.workspace.WorkRoot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The operator's actions on targets, each validated and audited; reached through {@link Operations#targets()}. */
public final class TargetOperations {
    private final Engine engine;
    private final Database db;
    private final TargetExecutors executors;
    private final Runnable wake;
    private final TargetDoctor.Programs programs;

    TargetOperations(Engine engine, Database db, TargetExecutors executors, TargetDoctor.Programs programs,
            Runnable wake) {
        this.programs = programs;
        this.engine = engine;
        this.db = db;
        this.executors = executors;
        this.wake = wake;
    }

    /** An SSH target as the operator describes it. */
    public record SshTargetSpec(String name, String host, String user, int port, String identityFile, String workRoot,
            int capacity, String labels) {}

    /**
     * Adds an SSH target after one doctor round trip: online if every required check passed, offline otherwise; the
     * report is kept either way so the operator sees what to fix.
     */
    public CompletableFuture<Target> add(SshTargetSpec spec) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.put("name", "A name of letters, digits, '.', '_' or '-' is required.");
        }
        try {
            new SshTarget(spec.host(), blankToNull(spec.user()), spec.port(), null);
        } catch (IllegalArgumentException e) {
            problems.put("host", "Not a valid host, user or port: " + e.getMessage() + ".");
        }
        try {
            new WorkRoot(spec.workRoot() == null ? "" : spec.workRoot());
        } catch (IllegalArgumentException e) {
            problems.put("workRoot", "The work root must be an absolute folder other than /.");
        }
        if (spec.capacity() < 1 || spec.capacity() > 256) {
            problems.put("capacity", "Capacity must be between 1 and 256 sessions.");
        }
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new OperationRefused("The target was not added: "
                    + String.join(" ", problems.values()), problems));
        }
        return engine.onIo(() -> {
            refuseTakenName(spec.name());
            Target draft = new Target(null, spec.name(), TargetKind.SSH, TargetStatus.OFFLINE, spec.host(),
                    blankToNull(spec.user()), spec.port(), spec.identityFile(), spec.workRoot(), spec.capacity(),
                    spec.labels(), null, null, null, null);
            return TargetDoctor.examine(executors.signedIn(executors.forTarget(draft), false), spec.workRoot(), programs);
        }).thenCompose(report -> engine.onEngine(() -> {
            refuseTakenName(spec.name()); // again: another add may have taken it while the doctor ran
            return db.write(tx -> {
                Target t = tx.targets().create(spec.name(), TargetKind.SSH, report.passed() ? TargetStatus.ONLINE
                        : TargetStatus.OFFLINE, spec.host(), spec.user() == null ? "" : spec.user(), spec.port(),
                        spec.identityFile() == null ? "" : spec.identityFile(), spec.workRoot(), spec.capacity(),
                        spec.labels() == null ? "" : spec.labels(), Actor.OPERATOR);
                tx.targets().recordDoctor(t.id(), report.text(), report.freeDiskMb(), report.agents(),
                        report.sandbox());
                tx.audit().record(null, null, AuditType.TARGET_DOCTOR, t.name()
                        + (report.passed() ? " passed" : " failed")
                        + " the doctor: " + report.text().replace('\n', ';'), Actor.OPERATOR);
                return tx.targets().byId(t.id()).orElseThrow();
            });
        })).thenApply(t -> {
            wake.run();
            return t;
        });
    }

    /**
     * The kinds of agent placement may send to the target. This machine's are the ones Bosun found at start (a CLI
     * configured by path, or the demo agent on Bosun's own Java, is not on the shell's PATH): null, any.
     */
    private static java.util.Set<dev.bosun.domain.AgentKind> agentsOn(Target t, TargetDoctor.Report report) {
        return t.kind() == TargetKind.LOCAL ? null : report.agents();
    }

    private void refuseTakenName(String name) {
        if (db.read(tx -> tx.targets().byName(name)).isPresent()) {
            throw new OperationRefused("A target named " + name + " exists already.",
                    Map.of("name", "This name is taken."));
        }
    }

    /**
     * Runs the doctor on a target: an online or offline target becomes online when every required check passes and
     * offline otherwise; a draining or disabled one keeps its status (the operator set it).
     */
    public CompletableFuture<TargetDoctor.Report> runDoctor(String targetId) {
        return runDoctor(targetId, Actor.OPERATOR);
    }

    /** How often an offline SSH target is examined again, by the engine's clock. */
    static final java.time.Duration OFFLINE_RECHECK = java.time.Duration.ofMinutes(1);
    /** When each target's doctor last ran, by the engine's clock; present while one runs. */
    private final Map<String, java.time.Instant> examined = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> examining = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Each SSH target that is offline is examined again once a minute has passed since its doctor last ran, so a
     * host that answers again takes its sessions back without anyone asking.
     */
    List<CompletableFuture<TargetDoctor.Report>> examineOffline() {
        java.time.Instant now = engine.clock().instant();
        List<CompletableFuture<TargetDoctor.Report>> started = new java.util.ArrayList<>();
        for (Target t : db.read(tx -> tx.targets().all())) {
            java.time.Instant last = examined.get(t.id());
            if (t.kind() == TargetKind.SSH && t.status() == TargetStatus.OFFLINE
                    && (last == null || !now.isBefore(last.plus(OFFLINE_RECHECK))) && examining.add(t.id())) {
                started.add(runDoctor(t.id(), Actor.ENGINE).whenComplete((r, e) -> examining.remove(t.id())));
            }
        }
        return started;
    }

    /**
     * Removes a target: no session starts there again, and those waiting for it fail, saying so (the scheduler's
     * next pass). Refused while a session starts or runs there: drain it first. This machine's target stays.
     */
    public CompletableFuture<Target> remove(String targetId) {
        return engine.onEngine(() -> db.write(tx -> {
            Target t = tx.targets().byId(targetId)
                    .orElseThrow(() -> new OperationRefused("There is no target " + targetId + "."));
            if (t.kind() == TargetKind.LOCAL) {
                throw new OperationRefused("This machine's target cannot be removed: disable it instead.");
            }
            if (t.status() == TargetStatus.REMOVED) {
                return t;
            }
            int live = tx.sessions().countOnTarget(targetId, SessionStatus.NEEDS_PROCESS);
            if (live > 0) {
                throw new OperationRefused("Target " + t.name() + " still runs " + live + " session"
                        + (live == 1 ? "" : "s") + ": drain it, and remove it once they have ended.");
            }
            tx.targets().transition(targetId, TargetStatus.REMOVED, "removed by the operator", Actor.OPERATOR);
            tx.targets().releaseName(targetId);
            return tx.targets().byId(targetId).orElseThrow();
        })).thenApply(t -> {
            wake.run();
            return t;
        });
    }

    private CompletableFuture<TargetDoctor.Report> runDoctor(String targetId, Actor actor) {
        return engine.onIo(() -> {
            Target t = db.read(tx -> tx.targets().byId(targetId))
                    .orElseThrow(() -> new OperationRefused("There is no target " + targetId + "."));
            return TargetDoctor.examine(executors.signedIn(executors.forTarget(t), false), t.workRoot(), programs);
        }).thenCompose(report -> engine.onEngine(() -> {
            examined.put(targetId, engine.clock().instant());
            db.write(tx -> {
                // the status now, not before the doctor ran: the operator may have drained or disabled it meanwhile
                Target t = tx.targets().byId(targetId).orElseThrow();
                String before = tx.targets().doctorReport(t.id());
                tx.targets().recordDoctor(t.id(), report.text(), report.freeDiskMb(), agentsOn(t, report),
                        report.sandbox());
                if (TargetStatus.DOCTOR_DECIDES.contains(t.status())) {
                    tx.targets().transition(t.id(), report.passed() ? TargetStatus.ONLINE : TargetStatus.OFFLINE,
                            "doctor " + (report.passed() ? "passed" : "failed"), actor);
                }
                // the engine's minute re-examinations of a host that stays down would fill the trail with one line
                // each: they are recorded when something changed; the operator's every time
                if (actor == Actor.OPERATOR || !report.text().equals(before)) {
                    tx.audit().record(null, null, AuditType.TARGET_DOCTOR, t.name()
                            + (report.passed() ? " passed" : " failed")
                            + " the doctor: " + report.text().replace('\n', ';'), actor);
                }
                return null;
            });
            wake.run();
            return report;
        }));
    }

    /**
     * At start: examines every target whose status the doctor may set, so the Targets table shows what each has. The
     * local target's report is recorded but its status is left alone: this machine is where Bosun itself runs.
     */
    void examineAllAtStart() {
        for (Target t : db.read(tx -> tx.targets().all())) {
            if (t.kind() == TargetKind.LOCAL) {
                engine.onIo(() -> {
                    TargetDoctor.Report report = TargetDoctor.examine(executors.signedIn(executors.forTarget(t), false), t.workRoot(), programs);
                    db.write(tx -> {
                        tx.targets().recordDoctor(t.id(), report.text(), report.freeDiskMb(), agentsOn(t, report),
                        report.sandbox());
                        return null;
                    });
                    return null;
                });
            } else if (TargetStatus.DOCTOR_DECIDES.contains(t.status())) {
                runDoctor(t.id());
            }
        }
    }

    /** Drain (no new sessions, running ones finish), enable, or disable a target. */
    public CompletableFuture<Target> setStatus(String targetId, TargetStatus status) {
        return engine.onEngine(() -> db.write(tx -> {
            Target t = tx.targets().byId(targetId)
                    .orElseThrow(() -> new OperationRefused("There is no target " + targetId + "."));
            var result = tx.targets().transition(targetId, status, "set by the operator", Actor.OPERATOR);
            if (result.verdict() == StateMachine.Verdict.REFUSED
                    || result.verdict() == StateMachine.Verdict.IGNORED_TERMINAL) {
                throw new OperationRefused("Target " + t.name() + " cannot go from " + t.status().wire() + " to "
                        + status.wire() + ".");
            }
            return tx.targets().byId(targetId).orElseThrow();
        })).thenApply(t -> {
            wake.run();
            return t;
        });
    }

    public CompletableFuture<Void> setCapacity(String targetId, int capacity) {
        return engine.onEngine(() -> {
            if (capacity < 0 || capacity > 256) {
                throw new OperationRefused("Capacity must be between 0 and 256 sessions.");
            }
            db.write(tx -> {
                tx.targets().byId(targetId).orElseThrow(() -> new OperationRefused("There is no target "
                        + targetId + "."));
                tx.targets().setCapacity(targetId, capacity, Actor.OPERATOR);
                return null;
            });
            wake.run();
            return null;
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
