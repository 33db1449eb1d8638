package dev.bosun.ui.objectives;

import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every objective with what drives it: its manager, live workers, open PRs and questions. */
public final class ObjectivesView {
    private final TableView<ObjectiveRow> table;

    public ObjectivesView(RowList<ObjectiveRow> rows) {
        table = Columns.table(rows, "No objectives yet. Click “New objective…” to give the agents work.");
        table.setId("objectivesTable");
        TableColumn<ObjectiveRow, java.time.Instant> created = Columns.time("Created", 90, ObjectiveRow::createdAt);
        table.getColumns().setAll(List.of(
                Columns.text("Objective", 300, ObjectiveRow::title),
                Columns.status("Status", 100, ObjectiveRow::status),
                Columns.status("Manager", 100, ObjectiveRow::managerStatus),
                Columns.number("Workers", 70, ObjectiveRow::liveWorkers),
                Columns.number("PRs", 50, ObjectiveRow::openPullRequests),
                Columns.number("Questions", 80, ObjectiveRow::openQuestions),
                Columns.text("Repository", 260, ObjectiveRow::repository),
                created,
                Columns.time("Updated", 90, ObjectiveRow::updatedAt)));
        Columns.sortDescending(table, created);
    }

    public TableView<ObjectiveRow> table() {
        return table;
    }
}
