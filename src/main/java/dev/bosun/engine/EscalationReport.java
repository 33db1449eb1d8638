package dev.bosun.engine;

import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.domain.TranscriptEntry;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.store.Sessions.Usage;
import dev.bosun.store.Tx;
import java.sql.SQLException;
import java.util.List;

/**
 * What an escalation shows the operator, so the choice is not made blind: each manager so far with how it ended (its
 * exit reason) and the last lines it wrote, the tokens and cost spent, then the state snapshot the next manager
 * would get.
 */
final class EscalationReport {
    /** Lines of a manager's transcript shown; each cut to {@link #LINE}. */
    static final int LAST_LINES = 4;
    private static final int LINE = 240;
    private static final int REASON = 600;

    private EscalationReport() {}

    static String render(Tx tx, SupervisedObjective o) throws SQLException {
        StringBuilder sb = new StringBuilder("Managers so far:\n");
        List<Session> managers = tx.sessions().forObjective(o.id()).stream()
                .filter(s -> s.role() == SessionRole.MANAGER).toList();
        int n = 0;
        for (Session m : managers) {
            n++;
            Usage u = tx.sessions().usageOf(m.id());
            sb.append(n).append(". ").append(m.id()).append(" (").append(dev.bosun.domain.WireNames.of(m.agent())).append("): ")
                    .append(m.status().wire());
            if (m.startedAt() != null) {
                sb.append(", ran from ").append(m.startedAt()).append(m.completedAt() == null ? ""
                        : " to " + m.completedAt());
            } else if (!m.everRan()) {
                sb.append(", never started");
            }
            sb.append(usage(u)).append('\n');
            String reason = m.resultSummary() == null ? "" : m.resultSummary().strip();
            if (!reason.isEmpty()) {
                sb.append("   ended: ").append(cut(reason, REASON).replace("\n", "\n          ")).append('\n');
            }
            List<TranscriptEntry> last = tx.transcripts().before(m.id(), Long.MAX_VALUE, 40).stream()
                    .filter(e -> e.kind() != TranscriptKind.USAGE && !e.content().isBlank()).toList();
            if (!last.isEmpty()) {
                sb.append("   last wrote:\n");
                for (TranscriptEntry e : last.subList(Math.max(0, last.size() - LAST_LINES), last.size())) {
                    sb.append("     > ").append(cut(e.content().strip().replace('\n', ' '), LINE)).append('\n');
                }
            }
        }
        if (managers.isEmpty()) {
            sb.append("- none yet\n");
        }
        Usage total = tx.sessions().usageOfObjective(o.id());
        sb.append("Spent so far on this objective (all its agents):").append(usage(total).isEmpty() ? " nothing "
                + "reported" : usage(total).substring(1)).append("\n\n");
        return sb.append(StateSnapshot.render(o)).toString();
    }

    private static String usage(Usage u) {
        if (u.tokens() == 0 && u.costUsd() == 0) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, ", %,d tokens, $%.2f", u.tokens(), u.costUsd());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
