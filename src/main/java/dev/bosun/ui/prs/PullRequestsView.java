package dev.bosun.ui.prs;

import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Pull requests the agents opened, with their review and checks state. */
public final class PullRequestsView {
    private final TableView<PullRequestRow> table;

    public PullRequestsView(RowList<PullRequestRow> rows) {
        table = Columns.table(rows, "No pull requests yet. Finished work shows up here.");
        table.setId("pullRequestsTable");
        TableColumn<PullRequestRow, java.time.Instant> updated =
                Columns.time("Updated", 90, PullRequestRow::updatedAt);
        table.getColumns().setAll(List.of(
                Columns.number("#", 60, PullRequestRow::number),
                Columns.text("Title", 320, PullRequestRow::title),
                Columns.status("Status", 90, PullRequestRow::status),
                Columns.status("Checks", 90, PullRequestRow::checks),
                Columns.text("Branch", 180, PullRequestRow::branch),
                Columns.text("Repository", 200, PullRequestRow::repository),
                updated));
        Columns.sortDescending(table, updated);
    }

    public TableView<PullRequestRow> table() {
        return table;
    }
}
