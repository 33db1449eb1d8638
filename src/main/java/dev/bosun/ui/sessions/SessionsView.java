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
                Columns.text("Agent", 80, SessionRow::agent),
                Columns.status("Status", 110, SessionRow::status),
                Columns.text("Target", 90, SessionRow::target),
                Columns.text("Activity", 220, SessionRow::activity),
                Columns.text("Result", 260, SessionRow::result),
                created,
                Columns.time("Updated", 90, SessionRow::updatedAt)));
        Columns.sortDescending(table, created);
    }

    public TableView<SessionRow> table() {
        return table;
    }
}
