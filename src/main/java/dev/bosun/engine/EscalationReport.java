package dev.bosun.engine;

import dev.bosun.domain.Session;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.domain.TranscriptEntry;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.store.Sessions.ManagerRun;
import dev.bosun.store.Sessions.Usage;
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
    private static final int REASON_LINES = 3;
    /** Times in this machine's zone: the operator reads them here. */
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private EscalationReport() {}

    /** Entries read back from each manager's transcript to find its last lines (usage reports are skipped). */
    static final int READ_BACK = 40;

    static String render(SupervisedObjective o, List<ManagerRun> managers, Usage total) {
        StringBuilder sb = new StringBuilder("Managers so far:\n");
        int n = 0;
        for (ManagerRun run : managers) {
            n++;
            Session m = run.session();
            Usage u = run.usage();
            sb.append(n).append(". ").append(m.id()).append(" (").append(dev.bosun.domain.WireNames.of(m.agent())).append("): ")
                    .append(m.status().wire());
            if (m.startedAt() != null) {
                sb.append(", started ").append(WHEN.format(m.startedAt())).append(m.completedAt() == null ? ""
                        : ", ran " + took(java.time.Duration.between(m.startedAt(), m.completedAt())));
            } else if (!m.everRan()) {
                sb.append(", never started");
            }
            sb.append(usage(u)).append('\n');
            String reason = m.resultSummary() == null ? "" : m.resultSummary().strip();
            if (!reason.isEmpty()) { // how it ended: often the last of its summary ("… exited 1")
                List<String> lines = reason.lines().filter(l -> !l.isBlank()).toList();
                String shown = String.join("\n          ", lines.subList(Math.max(0, lines.size() - REASON_LINES),
                        lines.size()));
                sb.append("   ended: ").append(lines.size() > REASON_LINES ? "… " : "").append(cut(shown, REASON))
                        .append('\n');
            }
            List<TranscriptEntry> last = run.last().stream()
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

    private static String took(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 1 ? d.toMillis() + " ms" : s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    /** At most {@code max} characters of agent-written text, cut on a whole code point, its spoofing characters shown. */
    private static String cut(String s, int max) {
        int end = max - 1;
        if (s.length() > max && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // not half a character
        }
        String shown = s.length() <= max ? s : s.substring(0, end) + "…";
        return dev.bosun.domain.UnsafeText.visible(shown);
    }
}
