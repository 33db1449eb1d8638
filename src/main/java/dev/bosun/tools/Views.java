package dev.bosun.tools;

import dev.bosun.domain.Objective;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.Session;
import dev.bosun.domain.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/** What tools send back about Bosun's records: the fields an agent or an operator script needs, nulls left out. */
final class Views {
    private Views() {}

    static Map<String, Object> worker(Session s) {
        return fields("id", s.id(), "title", s.title(), "role", s.role().name().toLowerCase(), "agent",
                s.agent().name().toLowerCase(), "status", s.status().wire(), "activity", s.activity(), "result",
                blankToNull(s.resultSummary()));
    }

    static Map<String, Object> objective(Objective o) {
        return fields("id", o.id(), "title", o.title(), "status", o.status().wire(), "repository", o.repository(),
                "base_branch", blankToNull(o.baseBranch()), "manager_agent", o.managerAgent().name().toLowerCase(),
                "summary", blankToNull(o.summary()), "max_managers", o.maxManagers(), "created_at", o.createdAt(),
                "updated_at", o.updatedAt());
    }

    static Map<String, Object> pullRequest(PullRequest pr) {
        return fields("number", pr.number(), "title", pr.title(), "branch", pr.branch(), "base", pr.baseBranch(),
                "head_sha", blankToNull(pr.headSha()), "status", pr.status().wire(), "url", blankToNull(pr.url()));
    }

    static Map<String, Object> question(Question q) {
        return fields("id", q.id(), "kind", q.kind().name().toLowerCase(), "status", q.status().wire(), "text",
                q.text(), "session_id", q.sessionId(), "answer", q.answer(), "context", q.context());
    }

    /** A target; the doctor's report and the free disk when known. */
    static Map<String, Object> target(Target t, String doctor, Long freeDiskMb) {
        return fields("id", t.id(), "name", t.name(), "kind", t.kind().name().toLowerCase(), "status",
                t.status().wire(), "host", blankToNull(t.host()), "user", blankToNull(t.user()), "port",
                t.kind() == dev.bosun.domain.TargetKind.SSH ? t.port() : null, "work_root", t.workRoot(), "capacity",
                t.capacity(), "labels", blankToNull(t.labels()), "free_disk_mb", freeDiskMb, "doctor",
                blankToNull(doctor), "last_seen_at", t.lastSeenAt());
    }

    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                out.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
