package dev.bosun.ui;

import dev.bosun.engine.Operations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * How views run operator actions: the operation goes to the engine (never on the FX thread), its result comes back
 * on the FX thread, and a refusal or failure shows its message in a dialog, never a stack trace.
 */
public final class Commands {
    private final Operations operations;
    private final Supplier<Window> owner;
    private Consumer<String> browser = url -> { };

    public Commands(Operations operations, Supplier<Window> owner) {
        this.operations = operations;
        this.owner = owner;
    }

    /** How web links open (the application's host services; nothing where there are none, as in tests). */
    public void openLinksWith(Consumer<String> browser) {
        this.browser = browser;
    }

    public void openLink(String url) {
        browser.accept(url);
    }

    public Operations operations() {
        return operations;
    }

    public Window owner() {
        return owner.get();
    }

    /**
     * The in-flight flag of the button whose action is running now (FX thread only; null outside an action): an
     * operation started from it keeps that button disabled until it ends, so a second click cannot merge twice.
     */
    private static BooleanProperty acting;

    /** Runs {@code operation}; on success {@code then} runs on the FX thread, on failure a dialog says why. */
    public <T> void run(String failureHeader, Supplier<CompletableFuture<T>> operation, Consumer<T> then) {
        BooleanProperty busy = Platform.isFxApplicationThread() ? acting : null;
        if (busy != null) {
            busy.set(true);
        }
        CompletableFuture<T> started;
        try {
            started = operation.get();
        } catch (RuntimeException e) { // refused before it began: the button is free again, and says why
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((result, error) -> Platform.runLater(() -> {
            if (busy != null) {
                busy.set(false);
            }
            if (error == null) {
                then.accept(result);
            } else {
                showError(failureHeader, error);
            }
        }));
    }

    public void showError(String header, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Alert alert = new Alert(Alert.AlertType.ERROR, cause.getMessage() == null ? cause.toString()
                : cause.getMessage(), ButtonType.OK);
        alert.initOwner(owner());
        alert.setHeaderText(header);
        alert.show();
    }

    /** Something worked only in part: says what did not. */
    public void showWarning(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.WARNING, text, ButtonType.OK);
        alert.initOwner(owner());
        alert.setHeaderText(header);
        alert.show();
    }

    /**
     * A button for an action on the table's selected row, enabled only while {@code possible} holds for it and no
     * operation it started is still running.
     */
    public static <R> Button forSelection(String id, String text, String tooltip, TableView<R> table,
            java.util.function.Predicate<R> possible, Consumer<R> action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        ObservableBooleanValue enabled = Bindings.createBooleanBinding(() -> {
            R selected = table.getSelectionModel().getSelectedItem();
            return selected != null && possible.test(selected);
        }, table.getSelectionModel().selectedItemProperty(), table.getItems());
        BooleanProperty running = new SimpleBooleanProperty(false);
        button.disableProperty().bind(Bindings.not(enabled).or(running));
        button.setOnAction(e -> {
            R selected = table.getSelectionModel().getSelectedItem();
            if (selected != null && possible.test(selected) && !running.get()) {
                BooleanProperty outer = acting;
                acting = running;
                try {
                    action.accept(selected);
                } finally {
                    acting = outer;
                }
            }
        });
        return button;
    }
}
