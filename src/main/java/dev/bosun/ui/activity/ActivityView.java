package dev.bosun.ui.activity;

import dev.bosun.store.Row.ActivityRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * The audit trail, newest first, filtered by what the operator types (an objective or session id, an event type such
 * as {@code manager_poked}, words of the summary, who did it). The table keeps the latest rows; the whole trail stays
 * in the database and each objective's shows in its detail.
 */
public final class ActivityView {
    private final TableView<ActivityRow> table;
    private final BorderPane pane;

    public ActivityView(RowList<ActivityRow> rows) {
        TextField search = new TextField();
        search.setId("activitySearch");
        search.setPromptText("Filter: objective or session id, event type, words, actor");
        search.setPrefColumnCount(36);
        table = Columns.filteredTable(rows, Bindings.createObjectBinding(() -> matches(search.getText()),
                search.textProperty()), "Nothing here.");
        table.setId("activityTable");
        TableColumn<ActivityRow, Long> seq = Columns.number("#", 60, ActivityRow::seq);
        table.getColumns().setAll(List.of(
                seq,
                Columns.time("Time", 90, ActivityRow::at),
                Columns.text("Event", 170, ActivityRow::type),
                Columns.text("Summary", 520, ActivityRow::summary),
                Columns.text("By", 90, r -> r.actor().wire())));
        Columns.sortDescending(table, seq);
        pane = new BorderPane(table);
        pane.setTop(new ToolBar(search));
    }

    /** The rows to show; null when nothing is filtered out. */
    static Predicate<ActivityRow> matches(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return null;
        }
        return r -> needle.equals(r.objectiveId()) || needle.equals(r.sessionId())
                || r.type().contains(needle) || r.summary().toLowerCase(Locale.ROOT).contains(needle)
                || r.actor().wire().toLowerCase(Locale.ROOT).contains(needle);
    }

    public TableView<ActivityRow> table() {
        return table;
    }

    public Node node() {
        return pane;
    }
}
