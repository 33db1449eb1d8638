package dev.bosun.ui.questions;

import dev.bosun.store.Row.QuestionRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Questions for the operator, from agents and from the supervisor. */
public final class QuestionsView {
    private final TableView<QuestionRow> table;

    public QuestionsView(RowList<QuestionRow> rows) {
        table = Columns.table(rows, "No questions. Agents and the supervisor ask here when they need you.");
        table.setId("questionsTable");
        TableColumn<QuestionRow, java.time.Instant> asked = Columns.time("Asked", 90, QuestionRow::createdAt);
        table.getColumns().setAll(List.of(
                Columns.text("Question", 420, QuestionRow::text),
                Columns.status("Status", 90, QuestionRow::status),
                Columns.text("From", 90, QuestionRow::kind),
                Columns.number("Priority", 70, QuestionRow::priority),
                Columns.text("Answer", 220, QuestionRow::answer),
                asked));
        Columns.sortDescending(table, asked);
    }

    public TableView<QuestionRow> table() {
        return table;
    }
}
