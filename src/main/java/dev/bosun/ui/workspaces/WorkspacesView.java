package dev.bosun.ui.workspaces;

import dev.bosun.store.Row.WorkspaceRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Checkouts on the targets, until the GC archives them. */
public final class WorkspacesView {
    private final TableView<WorkspaceRow> table;

    public WorkspacesView(RowList<WorkspaceRow> rows) {
        table = Columns.table(rows, "No checkouts yet. Each worker gets its own.");
        table.setId("workspacesTable");
        TableColumn<WorkspaceRow, java.time.Instant> updated = Columns.time("Updated", 90, WorkspaceRow::updatedAt);
        table.getColumns().setAll(List.of(
                Columns.text("Path", 360, WorkspaceRow::path),
                Columns.status("Status", 90, WorkspaceRow::status),
                Columns.text("Branch", 180, WorkspaceRow::branch),
                Columns.text("Target", 90, WorkspaceRow::target),
                Columns.text("Session", 90, r -> Columns.shortId(r.sessionId())),
                Columns.text("GC", 260, WorkspaceRow::gcNote),
                updated));
        Columns.sortDescending(table, updated);
    }

    public TableView<WorkspaceRow> table() {
        return table;
    }
}
