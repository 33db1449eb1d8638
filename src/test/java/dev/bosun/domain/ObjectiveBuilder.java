package dev.bosun.domain;

import dev.bosun.domain.SupervisedObjective.PullRequestView;
import dev.bosun.domain.SupervisedObjective.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link SupervisedObjective}s for policy tests. */
final class ObjectiveBuilder {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final String id;
    private ObjectiveStatus status = ObjectiveStatus.ACTIVE;
    private Instant lastActionAt;
    private int grant;
    private boolean openEscalation;
    private String note = "";
    private String prompt = "Add a --json flag to export.";
    private final List<SessionView> sessions = new ArrayList<>();
    private final List<PullRequestView> prs = new ArrayList<>();
    private int counter;
    private int pokes;
    private int heldNotices;
    private int maxManagers;

    ObjectiveBuilder(String id) {
        this.id = id;
    }

    ObjectiveBuilder maxManagers(int n) {
        maxManagers = n;
        return this;
    }

    static ObjectiveBuilder objective() {
        return new ObjectiveBuilder("obj_1");
    }

    ObjectiveBuilder status(ObjectiveStatus s) {
        status = s;
        return this;
    }

    ObjectiveBuilder lastActionAt(Instant at) {
        lastActionAt = at;
        return this;
    }

    ObjectiveBuilder grant(int n) {
        grant = n;
        return this;
    }

    ObjectiveBuilder openEscalation() {
        openEscalation = true;
        return this;
    }

    ObjectiveBuilder prompt(String p) {
        prompt = p;
        return this;
    }

    ObjectiveBuilder pokesWithoutProgress(int n) {
        pokes = n;
        return this;
    }

    ObjectiveBuilder heldNotices(int n) {
        heldNotices = n;
        return this;
    }

    ObjectiveBuilder note(String n) {
        note = n;
        return this;
    }

    ObjectiveBuilder manager(SessionStatus s, boolean everRan, Instant lastActivity) {
        return session(SessionRole.MANAGER, s, everRan, lastActivity, "Manager", "");
    }

    ObjectiveBuilder worker(SessionStatus s, String title, String summary) {
        return session(SessionRole.WORKER, s, true, T0, title, summary);
    }

    ObjectiveBuilder session(SessionRole role, SessionStatus s, boolean everRan, Instant lastActivity, String title,
            String summary) {
        counter++;
        sessions.add(new SessionView(id + "_s" + counter, role, role == SessionRole.MANAGER ? AgentKind.CODEX
                : AgentKind.CLAUDE, s, title, summary, everRan, T0.plusMillis(counter), lastActivity));
        return this;
    }

    ObjectiveBuilder pr(int number, PullRequestStatus s, ChecksState checks) {
        prs.add(new PullRequestView(number, "PR " + number, s, checks));
        return this;
    }

    SupervisedObjective build() {
        return new SupervisedObjective(id, "Ship it", prompt, status, AgentKind.CLAUDE,
                lastActionAt, grant, note, openEscalation, sessions, prs, pokes,
                heldNotices, maxManagers);
    }
}
