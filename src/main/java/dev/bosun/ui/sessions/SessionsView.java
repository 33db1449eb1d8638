package dev.bosun.ui.sessions;

import dev.bosun.domain.WireNames;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Row.SessionRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/** Every agent session: managers and workers, live and ended. */
public final class SessionsView {
    private final TableView<SessionRow> table;
    private final BorderPane pane;
    private final TranscriptView transcript;

    public SessionsView(RowList<SessionRow> rows, Commands commands, TableQueries queries) {
        table = Columns.table(rows, "No sessions yet. Each objective starts with a manager session.");
        table.setId("sessionsTable");
        TableColumn<SessionRow, java.time.Instant> created = Columns.time("Created", 90, SessionRow::createdAt);
        table.getColumns().setAll(List.of(
                Columns.text("Title", 260, SessionRow::title),
                Columns.text("Role", 80, r -> WireNames.of(r.role())),
                Columns.text("Agent", 170, SessionRow::agent),
                Columns.status("Status", 110, r -> r.status().wire()),
                Columns.text("Target", 90, SessionRow::target),
                Columns.text("Activity", 220, SessionRow::activity),
                Columns.text("Result", 260, SessionRow::result),
                Columns.text("Usage", 110, r -> Columns.usage(r.tokens(), r.costUsd())),
                created,
                Columns.time("Updated", 90, SessionRow::updatedAt)));
        Columns.sortDescending(table, created);
        Button message = Commands.forSelection("messageSession", "Message…", "Send the selected session's agent a "
                + "message: it reads it now if it runs, or when it starts again", table, s -> !ended(s),
                s -> ask(commands, "Message “" + s.title() + "”", "What should its agent know or do?")
                        .ifPresent(text -> commands.run("The message was not sent",
                                () -> commands.operations().messageSession(s.id(), text), m -> { })));
        Button cancel = Commands.forSelection("cancelSession", "Cancel session", "Stop the selected session and "
                + "whatever it spawned", table, s -> !ended(s), s -> commands.run("The session was not canceled",
                        () -> commands.operations().cancelSession(s.id(), "canceled by the operator"), n -> { }));
        transcript = new TranscriptView(queries, commands);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, s) ->
                transcript.show(s == null ? null : s.id(), s == null ? null : s.title()));
        SplitPane split = new SplitPane(table, transcript.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        pane = new BorderPane(split);
        Icons.on(message, Feather.MESSAGE_CIRCLE);
        Icons.on(cancel, Feather.X_CIRCLE);
        pane.setTop(new ToolBar(message, cancel));
    }

    public TranscriptView transcript() {
        return transcript;
    }

    private static boolean ended(SessionRow s) {
        return s.status().terminal();
    }

    private static java.util.Optional<String> ask(Commands commands, String header, String prompt) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(commands.owner());
        dialog.setHeaderText(header);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(t -> !t.isEmpty());
    }

    public Node node() {
        return pane;
    }

    public TableView<SessionRow> table() {
        return table;
    }
}
