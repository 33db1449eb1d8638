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
        Button merge = Commands.forSelection("mergePullRequest", "Merge…", "Merge the selected open pull request "
                + "into its base branch, after a look at its head, checks and conflicts; its objective's manager is "
                + "told", table, pr -> pr.status().mergeable(), pr -> new MergeDialog(commands.owner(), pr)
                        .showAndWait().ifPresent(request -> commands.run("PR #" + pr.number() + " was not merged",
                                () -> commands.operations().mergePullRequest(pr.id(), request), merged -> { })));
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
        Button open = Commands.forSelection("openPullRequest", "Open", "Open the selected pull request on its forge, "
                + "in the web browser", table, pr -> !pr.url().isBlank(), pr -> commands.openLink(pr.url()));
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
