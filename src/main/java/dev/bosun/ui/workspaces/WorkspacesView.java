package dev.bosun.ui.workspaces;

import dev.bosun.engine.WorkspaceGc;
import dev.bosun.store.Row.WorkspaceRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/** Checkouts on the targets, until the GC archives them. */
public final class WorkspacesView {
    private final TableView<WorkspaceRow> table;
    private final BorderPane pane;

    public WorkspacesView(RowList<WorkspaceRow> rows, Commands commands) {
        table = Columns.table(rows, "No checkouts yet. Each worker gets its own.");
        table.setId("workspacesTable");
        TableColumn<WorkspaceRow, java.time.Instant> updated = Columns.time("Updated", 90, WorkspaceRow::updatedAt);
        table.getColumns().setAll(List.of(
                Columns.text("Path", 360, WorkspaceRow::path),
                Columns.status("Status", 90, r -> r.status().wire()),
                Columns.text("Branch", 180, WorkspaceRow::branch),
                Columns.text("Target", 90, WorkspaceRow::target),
                Columns.text("Session", 90, r -> Columns.shortId(r.sessionId())),
                Columns.text("Size", 70, r -> r.sizeKb() == null ? "" : r.sizeKb() >= 10 * 1024
                        ? r.sizeKb() / 1024 + " MiB" : r.sizeKb() + " KiB"),
                Columns.text("Note", 260, WorkspaceRow::gcNote),
                updated));
        Columns.sortDescending(table, updated);
        Button preview = new Button("Preview GC");
        preview.setId("previewGc");
        preview.setTooltip(new Tooltip("What a GC pass would reclaim and keep, and why, without doing it"));
        preview.setOnAction(e -> commands.run("The GC preview failed", () -> commands.operations().previewGc(),
                report -> show(commands, "GC preview", report)));
        Button run = new Button("Run GC now");
        run.setId("runGc");
        run.setTooltip(new Tooltip("Reclaim now the checkouts nothing needs any more"));
        run.setOnAction(e -> commands.run("The GC pass failed", () -> commands.operations().runGcNow(),
                report -> show(commands, "GC pass", report)));
        // a checkout the GC keeps for its work ("kept: 2 unpublished commits on …"): the operator decides its fate
        Button publish = Commands.forSelection("publishWorkspace", "Publish as PR…", "Push this checkout's branch "
                + "and open a pull request of its objective", table, WorkspacesView::kept, r -> ask(commands,
                        "Publish " + r.branch() + " as a pull request", "Title:", "Work on " + r.branch())
                .ifPresent(title -> commands.run("Could not publish the checkout",
                        () -> commands.operations().publishWorkspace(r.id(), title), pr -> { })));
        Button discard = Commands.forSelection("discardWorkspace", "Discard…", "Delete this checkout and the work "
                + "only it holds, with a reason", table, WorkspacesView::kept, r -> ask(commands,
                        "Discard " + r.path() + "? Its work is deleted for good.", "Why is it not wanted?", "")
                .ifPresent(why -> commands.run("Could not discard the checkout",
                        () -> commands.operations().discardWorkspace(r.id(), why), done -> { })));
        pane = new BorderPane(table);
        Icons.on(preview, Feather.SEARCH);
        Icons.on(run, Feather.TRASH_2);
        Icons.on(publish, Feather.GIT_PULL_REQUEST);
        Icons.on(discard, Feather.X_CIRCLE);
        pane.setTop(new ToolBar(preview, run, new javafx.scene.control.Separator(), publish, discard));
    }

    /** On disk, and held back by the GC for work found nowhere else. */
    static boolean kept(WorkspaceRow r) {
        return dev.bosun.domain.WorkspaceStatus.ON_DISK.contains(r.status()) && r.gcNote() != null
                && r.gcNote().startsWith("kept: ");
    }

    private static java.util.Optional<String> ask(Commands commands, String header, String prompt, String value) {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(value);
        dialog.initOwner(commands.owner());
        dialog.setHeaderText(header);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(t -> !t.isEmpty());
    }

    private static void show(Commands commands, String title, WorkspaceGc.Report report) {
        String text = report.skipped() ? "A GC pass is already running; try again in a moment."
                : report.outcomes().isEmpty() ? "Nothing to look at: no checkout is waiting for the GC."
                : report.outcomes().stream().map(o -> o.path() + ": " + o.decision().reason()
                        + (o.error() == null ? "" : " (failed: " + o.error() + ")"))
                        .collect(Collectors.joining("\n"));
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        alert.initOwner(commands.owner());
        alert.setHeaderText(title + (report.skipped() ? "" : ": " + report.reclaimed() + " to reclaim of "
                + report.outcomes().size()));
        alert.show();
    }

    public Node node() {
        return pane;
    }

    public TableView<WorkspaceRow> table() {
        return table;
    }
}
