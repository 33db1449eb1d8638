package dev.bosun.ui.objectives;

import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.ui.Columns;
import dev.bosun.ui.sessions.SessionsView;
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
                Columns.text("Objective", 260, ObjectiveRow::title),
                Columns.status("Status", 90, ObjectiveRow::status),
                Columns.status("Manager", 90, ObjectiveRow::managerStatus),
                Columns.time("Manager said", 90, ObjectiveRow::managerLastOutput),
                Columns.text("Workers", 70, r -> r.liveWorkers() + " / " + r.workers()),
                Columns.text("PRs", 70, r -> r.openPullRequests() + " open" + (r.mergedPullRequests() == 0 ? ""
                        : ", " + r.mergedPullRequests() + " merged")),
                Columns.number("Questions", 80, ObjectiveRow::openQuestions),
                Columns.text("Managers", 80, r -> r.managersRan() + " / " + (SupervisorSettings.DEFAULTS
                        .respawnBudget() + r.respawnGrant())),
                Columns.text("Usage", 100, r -> SessionsView.usage(r.tokens(), r.costUsd())),
                Columns.text("Agent", 110, ObjectiveRow::managerAgent),
                Columns.text("Repository", 220, ObjectiveRow::repository),
                created,
                Columns.time("Updated", 90, ObjectiveRow::updatedAt)));
        Columns.sortDescending(table, created);
    }

    public TableView<ObjectiveRow> table() {
        return table;
    }
}
