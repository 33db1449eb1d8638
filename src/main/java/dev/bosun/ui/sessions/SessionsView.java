package dev.bosun.ui.sessions;

import dev.bosun.store.Row.SessionRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every agent session: managers and workers, live and ended. */
public final class SessionsView {
    private final TableView<SessionRow> table;

    public SessionsView(RowList<SessionRow> rows) {
        table = Columns.table(rows, "No sessions yet. Each objective starts with a manager session.");
        table.setId("sessionsTable");
        TableColumn<SessionRow, java.time.Instant> created = Columns.time("Created", 90, SessionRow::createdAt);
        table.getColumns().setAll(List.of(
                Columns.text("Title", 260, SessionRow::title),
                Columns.text("Role", 80, SessionRow::role),
                Columns.text("Agent", 170, SessionRow::agent),
                Columns.status("Status", 110, SessionRow::status),
                Columns.text("Target", 90, SessionRow::target),
                Columns.text("Activity", 220, SessionRow::activity),
                Columns.text("Result", 260, SessionRow::result),
                Columns.text("Usage", 110, SessionsView::usage),
                created,
                Columns.time("Updated", 90, SessionRow::updatedAt)));
        Columns.sortDescending(table, created);
    }

    /** Tokens and cost, e.g. {@code 12.4k tok · $0.031}; empty before the first turn. */
    static String usage(SessionRow r) {
        if (r.tokens() == 0 && r.costUsd() == 0) {
            return "";
        }
        String tokens = r.tokens() < 1000 ? r.tokens() + " tok" : String.format("%.1fk tok", r.tokens() / 1000.0);
        return r.costUsd() > 0 ? tokens + String.format(" · $%.3f", r.costUsd()) : tokens;
    }

    public TableView<SessionRow> table() {
        return table;
    }
}
