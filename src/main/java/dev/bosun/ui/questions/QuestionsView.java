package dev.bosun.ui.questions;

import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.WireNames;
import dev.bosun.engine.EscalationChoice;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Row.QuestionRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/**
 * Questions for the operator, from agents and from the supervisor, answered inline: an agent's question gets a text
 * answer that reaches the agent; a supervisor escalation offers more respawns, cancelling the objective, or an
 * instruction for the next manager.
 */
public final class QuestionsView {
    private final TableView<QuestionRow> table;
    private final BorderPane pane;

    public QuestionsView(RowList<QuestionRow> rows, Commands commands, TableQueries queries) {
        table = Columns.table(rows, "No questions. Agents and the supervisor ask here when they need you.");
        table.setId("questionsTable");
        TableColumn<QuestionRow, java.time.Instant> asked = Columns.time("Asked", 90, QuestionRow::createdAt);
        table.getColumns().setAll(List.of(
                Columns.text("Question", 420, QuestionRow::text),
                Columns.status("Status", 90, r -> r.status().wire()),
                Columns.text("From", 90, r -> WireNames.of(r.kind())),
                Columns.number("Priority", 70, QuestionRow::priority),
                Columns.text("Answer", 220, QuestionRow::answer),
                asked));
        Columns.sortDescending(table, asked);

        Label question = new Label();
        question.setId("questionText");
        question.setWrapText(true);
        question.textProperty().bind(Bindings.createStringBinding(() -> {
            QuestionRow q = selected();
            return q == null ? "Select a question to answer it." : q.text();
        }, table.getSelectionModel().selectedItemProperty()));
        // an escalation explains itself: each manager's end, its last lines, what was spent, the state it left
        TextArea context = new TextArea();
        context.setId("questionContext");
        context.setEditable(false);
        context.setWrapText(true);
        context.setPrefRowCount(10);
        context.getStyleClass().add("question-context");
        context.managedProperty().bind(context.visibleProperty());
        context.setVisible(false);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, q) -> {
            if (q == null || (was != null && was.id().equals(q.id()))) {
                if (q == null) {
                    context.setVisible(false);
                }
                return;
            }
            queries.question(q.id()).thenAccept(full -> javafx.application.Platform.runLater(() -> {
                QuestionRow now = selected();
                if (now != null && now.id().equals(q.id())) {
                    String text = full.map(dev.bosun.domain.Question::context).orElse("");
                    context.setText(text == null ? "" : text);
                    context.setVisible(text != null && !text.isBlank());
                }
            }));
        });
        TextArea answer = new TextArea();
        answer.setId("answerText");
        answer.setPromptText("Your answer (for an escalation: an instruction for the next manager)");
        answer.setPrefRowCount(3);
        answer.setWrapText(true);

        BooleanBinding open = Bindings.createBooleanBinding(() -> selected() != null
                && selected().status() == QuestionStatus.OPEN, table.getSelectionModel().selectedItemProperty(),
                table.getItems());
        BooleanBinding escalation = Bindings.createBooleanBinding(() -> open.get()
                && selected().kind() == QuestionKind.ESCALATION, open);

        Button send = new Button("Answer");
        send.setId("answerQuestion");
        send.setTooltip(new Tooltip("Send the answer; it reaches whoever asked (Ctrl+Enter)"));
        send.disableProperty().bind(open.not().or(answer.textProperty().isEmpty()));
        send.setOnAction(e -> {
            QuestionRow q = selected();
            commands.run("The answer was not sent", () -> commands.operations().answerQuestion(q.id(),
                    answer.getText()), v -> answer.clear());
        });
        answer.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.ENTER && !send.isDisabled()) {
                send.fire();
            }
        });

        Spinner<Integer> more = new Spinner<>(1, 16, 2);
        more.setId("moreRespawns");
        more.setPrefWidth(70);
        Button allow = new Button("Allow more respawns");
        allow.setId("allowRespawns");
        allow.setTooltip(new Tooltip("Continue the objective with this many more manager respawns"));
        allow.disableProperty().bind(escalation.not());
        allow.setOnAction(e -> {
            QuestionRow q = selected();
            commands.run("The escalation was not resolved", () -> commands.operations().resolveEscalation(q.id(),
                    new EscalationChoice.Continue(more.getValue(), answer.getText())), v -> answer.clear());
        });
        Button cancel = new Button("Cancel the objective");
        cancel.setId("cancelFromEscalation");
        cancel.setTooltip(new Tooltip("Stop the objective and everything of it still running"));
        cancel.disableProperty().bind(escalation.not());
        cancel.setOnAction(e -> {
            QuestionRow q = selected();
            commands.run("The objective was not canceled", () -> commands.operations().resolveEscalation(q.id(),
                    new EscalationChoice.CancelObjective()), v -> { });
        });

        Icons.on(send, Feather.SEND);
        Icons.on(allow, Feather.ROTATE_CW);
        Icons.on(cancel, Feather.X_CIRCLE);
        HBox actions = new HBox(8, send, new Label("  Escalation:"), more, allow, cancel);
        VBox answerPane = new VBox(6, question, context, answer, actions);
        answerPane.setPadding(new Insets(8));
        answerPane.setId("answerPane");
        pane = new BorderPane(table);
        pane.setBottom(answerPane);
    }

    private QuestionRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    public TableView<QuestionRow> table() {
        return table;
    }

    public Node node() {
        return pane;
    }
}
