package dev.bosun.domain;

import dev.bosun.domain.SupervisedObjective.PullRequestView;
import dev.bosun.domain.SupervisedObjective.SessionView;

/**
 * The text that tells a manager (who has no read tools) where its objective stands: each worker with role, status
 * and last result, then each PR with status and checks. Pokes, respawns and escalations all carry this same text.
 */
public final class StateSnapshot {
    static final int SUMMARY_LIMIT = 280;
    static final int PROMPT_LIMIT = 6000;

    private StateSnapshot() {}

    public static String render(SupervisedObjective o) {
        StringBuilder sb = new StringBuilder("Workers:\n");
        boolean any = false;
        for (SessionView s : o.sessions()) {
            if (s.role() == SessionRole.MANAGER) {
                continue;
            }
            any = true;
            sb.append("- \"").append(s.title()).append("\" [").append(WireNames.of(s.role())).append("] ")
                    .append(s.status().wire());
            String summary = firstLine(s.resultSummary());
            sb.append(summary.isEmpty() ? "" : ": " + summary).append('\n');
        }
        if (!any) {
            sb.append("- none spawned yet\n");
        }
        if (!o.pullRequests().isEmpty()) {
            sb.append("Pull requests:\n");
            for (PullRequestView pr : o.pullRequests()) {
                sb.append("- #").append(pr.number()).append(' ').append(pr.status().wire()).append(", checks ")
                        .append(WireNames.of(pr.checks())).append(": ").append(pr.title()).append('\n');
            }
        }
        return sb.toString().strip();
    }

    /**
     * The objective's prompt, clamped so a huge prompt cannot crowd out the rest of a repeated message (a poke); the
     * manager has it whole from its start or its respawn.
     */
    public static String prompt(SupervisedObjective o) {
        String p = o.prompt();
        return p.length() <= PROMPT_LIMIT ? p
                : p.substring(0, PROMPT_LIMIT) + "\n[… prompt shortened; " + (p.length() - PROMPT_LIMIT)
                        + " more characters]";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= SUMMARY_LIMIT ? line : line.substring(0, SUMMARY_LIMIT - 1) + "…";
    }
}
