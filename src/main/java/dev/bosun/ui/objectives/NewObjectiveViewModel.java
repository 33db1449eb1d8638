package dev.bosun.ui.objectives;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.engine.OperationRefused;
import dev.bosun.engine.Operations;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and behaviour of the New objective dialog. The engine's {@link Operations#createObjective} is the one
 * validator; its field errors come back into the {@code *Error} properties shown next to the fields.
 */
public final class NewObjectiveViewModel {
    final StringProperty title = new SimpleStringProperty("");
    final StringProperty prompt = new SimpleStringProperty("");
    final StringProperty repository = new SimpleStringProperty("");
    final StringProperty baseBranch = new SimpleStringProperty("");
    final ObjectProperty<AgentKind> managerAgent = new SimpleObjectProperty<>(AgentKind.CLAUDE);
    /** How many managers may run and end unfinished before the operator is asked; starts at the setting's. */
    final ObjectProperty<Integer> maxManagers = new SimpleObjectProperty<>();
    final int defaultMaxManagers;

    final StringProperty promptError = new SimpleStringProperty("");
    final StringProperty repositoryError = new SimpleStringProperty("");
    final StringProperty baseBranchError = new SimpleStringProperty("");
    final StringProperty formError = new SimpleStringProperty("");
    final BooleanProperty submitting = new SimpleBooleanProperty(false);

    private final Operations operations;
    private final Executor fxThread;

    public NewObjectiveViewModel(Operations operations, Executor fxThread) {
        this.operations = operations;
        managerAgent.set(operations.defaultAgent());
        defaultMaxManagers = operations.supervisorSettings().respawnBudget();
        maxManagers.set(defaultMaxManagers);
        this.fxThread = fxThread;
    }

    /** Asks the engine to create the objective; {@code onCreated} runs on the FX thread if it was. */
    void submit(Consumer<Objective> onCreated) {
        if (submitting.get()) {
            return;
        }
        clearErrors();
        submitting.set(true);
        // the setting's budget is kept as "the setting", so changing the setting later applies to this objective too
        Integer budget = maxManagers.get() == null || maxManagers.get() == defaultMaxManagers ? null
                : maxManagers.get();
        ObjectiveDraft draft = new ObjectiveDraft(title.get(), prompt.get(), repository.get(), baseBranch.get(),
                managerAgent.get(), budget);
        operations.createObjective(draft).whenComplete((objective, error) -> fxThread.execute(() -> {
            submitting.set(false);
            if (error == null) {
                onCreated.accept(objective);
            } else {
                showError(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        }));
    }

    private void showError(Throwable error) {
        if (error instanceof OperationRefused refused && !refused.fieldErrors().isEmpty()) {
            Map<String, String> fields = refused.fieldErrors();
            promptError.set(fields.getOrDefault("prompt", ""));
            repositoryError.set(fields.getOrDefault("repository", ""));
            baseBranchError.set(fields.getOrDefault("baseBranch", ""));
        } else {
            formError.set(error.getMessage() == null ? error.toString() : error.getMessage());
        }
    }

    private void clearErrors() {
        promptError.set("");
        repositoryError.set("");
        baseBranchError.set("");
        formError.set("");
    }
}
