package dev.bosun.ui.objectives;

import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * Every objective with what drives it: its manager, workers, PRs, questions, respawns and usage. A search box (title,
 * repository, id) and a filter; "Needs me" shows the objectives waiting for the operator.
 */
public final class ObjectivesView {
    /** The filter choices; "Needs me": an open question or escalation, or a manager that is not running. */
    enum Show {
        ALL("All"), NEEDS_ME("Needs me"), ACTIVE("Not ended"), ENDED("Ended");

        final String label;

        Show(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final TableView<ObjectiveRow> table;
    private final BorderPane pane;
    private final TextField search = new TextField();
    private final ChoiceBox<Show> show = new ChoiceBox<>();

    /** @param respawnBudget the engine's budget of managers per objective, before the operator's grants */
    public ObjectivesView(RowList<ObjectiveRow> rows, int respawnBudget) {
        search.setId("objectiveSearch");
        search.setPromptText("Search title, repository, id");
        search.setPrefColumnCount(24);
        show.setId("objectiveFilter");
        show.getItems().setAll(Show.values());
        show.setValue(Show.ALL);
        ObjectBinding<Predicate<ObjectiveRow>> filter = Bindings.createObjectBinding(
                () -> matches(search.getText(), show.getValue()), search.textProperty(), show.valueProperty());
        table = Columns.filteredTable(rows, filter,
                "No objectives here. Click “New objective…” to give the agents work.");
        table.setId("objectivesTable");
        TableColumn<ObjectiveRow, java.time.Instant> created = Columns.time("Created", 90, ObjectiveRow::createdAt);
        // what the operator reads first is never squeezed to a few letters when the window is narrow
        TableColumn<ObjectiveRow, String> title = Columns.text("Objective", 220, ObjectiveRow::title);
        title.setMinWidth(200);
        TableColumn<ObjectiveRow, String> manager = Columns.status("Manager", 200, r -> r.manager().wire());
        manager.setMinWidth(170);
        table.getColumns().setAll(List.of(
                title,
                Columns.status("Status", 80, r -> r.status().wire()),
                manager,
                Columns.time("Manager said", 100, ObjectiveRow::managerLastOutput),
                Columns.text("Workers", 70, r -> r.liveWorkers() + " / " + r.workers()),
                Columns.text("PRs", 90, r -> r.openPullRequests() + " open" + (r.mergedPullRequests() == 0 ? ""
                        : ", " + r.mergedPullRequests() + " merged")),
                Columns.number("Questions", 80, ObjectiveRow::openQuestions),
                Columns.text("Managers", 90, r -> r.managersRan() + " / " + r.managersBudget(respawnBudget)),
                Columns.text("Usage", 100, r -> Columns.usage(r.tokens(), r.costUsd())),
                Columns.text("Agent", 110, ObjectiveRow::managerAgent),
                Columns.text("Repository", 180, ObjectiveRow::repository),
                created,
                Columns.time("Updated", 90, ObjectiveRow::updatedAt)));
        Columns.sortDescending(table, created);
        pane = new BorderPane(table);
        pane.setTop(new ToolBar(new Label("Show"), show, search));
    }

    /** The rows to show; null when nothing is filtered out. */
    static Predicate<ObjectiveRow> matches(String text, Show show) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty() && (show == null || show == Show.ALL)) {
            return null;
        }
        return r -> {
            boolean ended = r.status().terminal();
            boolean shown = switch (show == null ? Show.ALL : show) {
                case ALL -> true;
                case ACTIVE -> !ended;
                case ENDED -> ended;
                case NEEDS_ME -> !ended && (r.openQuestions() > 0 || r.status() == ObjectiveStatus.WAITING_USER
                        || r.manager().needsOperator());
            };
            return shown && (needle.isEmpty() || r.title().toLowerCase(Locale.ROOT).contains(needle)
                    || r.repository().toLowerCase(Locale.ROOT).contains(needle) || r.id().contains(needle));
        };
    }

    public TableView<ObjectiveRow> table() {
        return table;
    }

    public Node node() {
        return pane;
    }
}
