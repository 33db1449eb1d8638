package dev.bosun.ui.activity;

import dev.bosun.store.Row.ActivityRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The audit trail, newest first. The table keeps the latest rows; the whole trail stays in the database. */
public final class ActivityView {
    private final TableView<ActivityRow> table;

    public ActivityView(RowList<ActivityRow> rows) {
        table = Columns.table(rows, "Nothing has happened yet.");
        table.setId("activityTable");
        TableColumn<ActivityRow, Long> seq = Columns.number("#", 60, ActivityRow::seq);
        table.getColumns().setAll(List.of(
                seq,
                Columns.time("Time", 90, ActivityRow::at),
                Columns.text("Event", 170, ActivityRow::type),
                Columns.text("Summary", 520, ActivityRow::summary),
                Columns.text("By", 90, ActivityRow::actor)));
        Columns.sortDescending(table, seq);
    }

    public TableView<ActivityRow> table() {
        return table;
    }
}
