package dev.bosun.ui.prs;

import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.PullRequest;
import dev.bosun.store.Row.PullRequestRow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Pull Requests screen's state without its controls: the selected PR, what may be done with it (the domain's
 * predicates) and the merge as a command with a running state, so a second merge cannot start while one runs. Its
 * answers come back through {@code fx} (the FX thread in the window, a synchronous executor in tests).
 */
public final class PullRequestsViewModel {
    private final ObjectProperty<PullRequestRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper merging = new ReadOnlyBooleanWrapper();
    private final BiFunction<String, MergeRequest, CompletableFuture<PullRequest>> mergeOperation;
    private final Executor fx;
    private final BooleanBinding canMerge;
    private final BooleanBinding canOpen;

    public PullRequestsViewModel(BiFunction<String, MergeRequest, CompletableFuture<PullRequest>> merge, Executor fx) {
        this.mergeOperation = merge;
        this.fx = fx;
        canMerge = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().status().mergeable()
                && !merging.get(), selected, merging);
        canOpen = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().url().isBlank(),
                selected);
    }

    public ObjectProperty<PullRequestRow> selected() {
        return selected;
    }

    public ReadOnlyBooleanProperty merging() {
        return merging.getReadOnlyProperty();
    }

    public BooleanBinding canMerge() {
        return canMerge;
    }

    public BooleanBinding canOpen() {
        return canOpen;
    }

    /**
     * Merges the selected PR as {@code request} says, unless it cannot be merged now or a merge already runs; the
     * outcome goes to {@code done} or {@code failed} on {@code fx}. Returns whether a merge started.
     */
    public boolean merge(MergeRequest request, Consumer<PullRequest> done, Consumer<Throwable> failed) {
        PullRequestRow pr = selected.get();
        if (!canMerge.get()) {
            return false;
        }
        merging.set(true);
        CompletableFuture<PullRequest> running;
        try {
            running = mergeOperation.apply(pr.id(), request);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((merged, error) -> fx.execute(() -> {
            merging.set(false);
            if (error == null) {
                done.accept(merged);
            } else {
                failed.accept(error);
            }
        }));
        return true;
    }
}
