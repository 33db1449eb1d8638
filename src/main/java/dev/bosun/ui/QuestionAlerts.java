package dev.bosun.ui;

import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.store.Row.QuestionRow;
import java.util.HashSet;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * A desktop notification when a question or an escalation arrives while the console is open, so the operator does
 * not have to watch the Questions tab. Questions already open when the console starts are not announced again.
 */
final class QuestionAlerts {
    private final Set<String> seen = new HashSet<>();
    private final java.util.function.Supplier<Window> owner;
    private boolean armed;

    QuestionAlerts(ObservableList<QuestionRow> questions, java.util.function.Supplier<Window> owner) {
        this.owner = owner;
        questions.addListener((ListChangeListener<QuestionRow>) change -> {
            while (change.next()) {
                for (QuestionRow q : change.getAddedSubList()) {
                    if (seen.add(q.id()) && armed && q.status() == QuestionStatus.OPEN) {
                        announce(q);
                    }
                }
            }
        });
    }

    /** From now on, new questions are announced (called once the first load is in). */
    void arm() {
        armed = true;
    }

    private void announce(QuestionRow q) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        boolean escalation = q.kind() == QuestionKind.ESCALATION;
        Notifications.create().owner(window)
                .title(escalation ? "The supervisor needs a decision" : "An agent asks you")
                .text(q.text().length() > 300 ? q.text().substring(0, 299) + "…" : q.text())
                .hideAfter(Duration.seconds(escalation ? 30 : 15))
                .showInformation();
    }
}
