package dev.bosun.ui.prs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.store.Row.PullRequestRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Pull Requests screen's rules without a window or a robot: on a synchronous executor. */
class PullRequestsViewModelTest {
    private final List<String> asked = new ArrayList<>();
    private CompletableFuture<PullRequest> merging = new CompletableFuture<>();
    private final PullRequestsViewModel model = new PullRequestsViewModel((id, request) -> {
        asked.add(id);
        return merging;
    }, Runnable::run);

    static PullRequestRow row(PullRequestStatus status, String url) {
        return new PullRequestRow("pr_1", "obj_1", "/r", 1, "Add --json", status, ChecksState.PASSING, "b", "main",
                "o", url, "mergeable", "", 1, "", "abc", Instant.EPOCH);
    }

    @Test
    void aMergeRunsOnceAtATimeAndOnlyForAnOpenPr() {
        assertThat(model.canMerge().get()).as("nothing selected").isFalse();
        model.selected().set(row(PullRequestStatus.MERGED, ""));
        assertThat(model.canMerge().get()).isFalse();
        model.selected().set(row(PullRequestStatus.OPEN, ""));
        assertThat(model.canMerge().get()).isTrue();
        assertThat(model.canOpen().get()).as("a local PR has no page").isFalse();

        List<PullRequest> done = new ArrayList<>();
        assertThat(model.merge(MergeRequest.PLAIN, done::add, e -> { })).isTrue();
        assertThat(model.merging().get()).isTrue();
        assertThat(model.canMerge().get()).as("in flight").isFalse();
        assertThat(model.merge(MergeRequest.PLAIN, done::add, e -> { })).as("a second click").isFalse();
        assertThat(asked).containsExactly("pr_1");

        merging.complete(null);
        assertThat(model.merging().get()).isFalse();
        assertThat(done).hasSize(1);
    }

    @Test
    void aRefusedMergeSaysWhyAndFreesTheCommand() {
        model.selected().set(row(PullRequestStatus.OPEN, "https://github.com/acme/app/pull/1"));
        assertThat(model.canOpen().get()).isTrue();
        List<Throwable> failed = new ArrayList<>();
        model.merge(MergeRequest.PLAIN, pr -> { }, failed::add);
        merging.completeExceptionally(new IllegalStateException("PR #1's checks fail."));
        assertThat(failed).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("checks fail"));
        assertThat(model.canMerge().get()).isTrue();
    }
}
