package dev.bosun.ui.prs;

import dev.bosun.domain.WireNames;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/**
 * Pull requests the agents opened, with their checks, whether they merge and their size; below the table, the
 * selected one's review (its diff, checks and comments, where a comment goes to a follow-up worker). An open one can be
 * merged after a confirmation, one on a hosted forge opened in the browser.
 */
public final class PullRequestsView {
    private final TableView<PullRequestRow> table;
    private final BorderPane pane;

    private final ReviewPane review;
    private final PullRequestsViewModel model;

    public PullRequestsView(RowList<PullRequestRow> rows, Commands commands, TableQueries queries) {
        table = Columns.table(rows, "No pull requests yet. Finished work shows up here.");
        table.setId("pullRequestsTable");
        TableColumn<PullRequestRow, java.time.Instant> updated =
                Columns.time("Updated", 90, PullRequestRow::updatedAt);
        table.getColumns().setAll(List.of(
                Columns.number("#", 60, PullRequestRow::number),
                Columns.text("Title", 320, PullRequestRow::title),
                Columns.status("Status", 90, r -> r.status().wire()),
                Columns.status("Checks", 90, r -> WireNames.of(r.checks())),
                Columns.text("Merge", 150, r -> !r.status().awaitingReview() ? ""
                        : r.mergeable().equals("conflicting") ? "conflicts: " + r.conflictFiles() : r.mergeable()),
                Columns.text("Changes", 200, r -> r.commits() == null ? "" : r.commits() + " commit"
                        + (r.commits() == 1 ? "" : "s") + (r.diffStat().isEmpty() ? "" : ", " + r.diffStat())),
                Columns.text("Branch", 180, r -> r.branch() + " → " + r.baseBranch()),
                Columns.text("Objective", 200, PullRequestRow::objectiveTitle),
                Columns.text("Repository", 200, PullRequestRow::repository),
                updated));
        Columns.sortDescending(table, updated);
        model = new PullRequestsViewModel(commands.operations()::mergePullRequest, javafx.application.Platform::runLater);
        model.selected().bind(table.getSelectionModel().selectedItemProperty());
        Button merge = new Button("Merge…");
        merge.setId("mergePullRequest");
        merge.setTooltip(new javafx.scene.control.Tooltip("Merge the selected open pull request into its base branch, "
                + "after a look at its head, checks and conflicts; its objective's manager is told"));
        merge.disableProperty().bind(model.canMerge().not());
        merge.setOnAction(e -> {
            PullRequestRow pr = model.selected().get();
            if (model.canMerge().get()) {
                new MergeDialog(commands.owner(), pr).showAndWait().ifPresent(request -> model.merge(request,
                        merged -> { }, error -> commands.showError("PR #" + pr.number() + " was not merged", error)));
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("refreshPullRequests");
        refresh.setTooltip(new javafx.scene.control.Tooltip("Ask the forges about the open pull requests now: "
                + "mergeable or conflicting, checks, review comments, merged or closed elsewhere (done every minute "
                + "anyway)"));
        refresh.setOnAction(e -> commands.run("The pull requests were not refreshed",
                () -> commands.operations().refreshPullRequests(), report -> {
                    if (!report.problems().isEmpty()) {
                        commands.showWarning("Some pull requests could not be refreshed",
                                String.join("\n\n", report.problems()));
                    }
                }));
        Button open = new Button("Open");
        open.setId("openPullRequest");
        open.setTooltip(new javafx.scene.control.Tooltip("Open the selected pull request on its forge, in the web "
                + "browser"));
        open.disableProperty().bind(model.canOpen().not());
        open.setOnAction(e -> {
            if (model.canOpen().get()) {
                commands.openLink(model.selected().get().url());
            }
        });
        review = new ReviewPane(commands, queries);
        // the review follows the selection; a table refresh briefly clears it, which keeps the review as it is
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                review.show(now);
            }
        });
        SplitPane split = new SplitPane(table, review.node());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        pane = new BorderPane(split);
        Icons.on(merge, Feather.GIT_MERGE);
        Icons.on(refresh, Feather.REFRESH_CW);
        Icons.on(open, Feather.EXTERNAL_LINK);
        pane.setTop(new ToolBar(merge, refresh, open));
    }

    public TableView<PullRequestRow> table() {
        return table;
    }

    public ReviewPane review() {
        return review;
    }

    public Node node() {
        return pane;
    }
}
