package dev.bosun.ui.prs;

import dev.bosun.domain.ChangedFile;
import dev.bosun.domain.FileVersions;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequestChanges;
import dev.bosun.domain.ReviewComment;
import dev.bosun.domain.WireNames;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.ui.Commands;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/**
 * The review of one pull request: the files it changes with their +/- counts, the selected file's diff (unified or
 * side by side, syntax coloured, changed words marked), its checks with the failing ones' output, the review comments
 * and what conflicts. A comment on a diff line, or on the whole PR, goes to a follow-up worker on the PR's branch.
 * Everything is read off the FX thread; an answer for a PR or file no longer shown is dropped.
 */
public final class ReviewPane {
    private final Commands commands;
    private final TableQueries queries;
    private final BorderPane pane = new BorderPane();
    private final Label title = new Label("Select a pull request to see what it changes.");
    private final Label status = new Label();
    private final ListView<ChangedFile> files = new ListView<>();
    private final DiffView diff = new DiffView();
    private final StackPane diffHolder = new StackPane();
    private final Label diffNote = new Label("Select a file to see its diff.");
    private final VBox checks = new VBox(8);
    private final VBox comments = new VBox(8);
    private final ToggleButton sideBySide = new ToggleButton("Side by side");
    private final CheckBox wholeFile = new CheckBox("Whole file");
    private final Button commentLine = new Button("Comment on line…");
    private final Button commentPr = new Button("Comment on PR…");
    private PullRequestRow pr;
    private PullRequestChanges changes;
    private FileVersions versions;
    private long prShown; // FX thread: an answer for an earlier PR is dropped
    private long fileShown; // and one for an earlier file, or an earlier way to show it

    public ReviewPane(Commands commands, TableQueries queries) {
        this.commands = commands;
        this.queries = queries;
        pane.getStyleClass().add("review-pane");
        title.setId("reviewTitle");
        title.getStyleClass().add("review-title");
        status.setId("reviewStatus");
        files.setId("reviewFiles");
        files.setPlaceholder(new Label("Select a pull request above."));
        files.setCellFactory(v -> new FileCell());
        files.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> showFile(f));
        diffHolder.getChildren().setAll(diffNote);
        diffNote.setWrapText(true);
        diffNote.setPadding(new Insets(12));
        ToggleButton unified = new ToggleButton("Unified");
        ToggleGroup mode = new ToggleGroup();
        unified.setToggleGroup(mode);
        sideBySide.setToggleGroup(mode);
        sideBySide.setId("sideBySide");
        unified.setSelected(true);
        mode.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always on
            } else {
                redraw();
            }
        });
        wholeFile.setId("wholeFile");
        wholeFile.setTooltip(new Tooltip("Show every line of the file, not only the changes and "
                + DiffRows.CONTEXT + " lines around each"));
        wholeFile.selectedProperty().addListener((o, was, now) -> redraw());
        commentLine.setId("commentOnLine");
        commentLine.setTooltip(new Tooltip("Ask for a change on the line the caret is on: a follow-up worker on the "
                + "PR's branch gets your comment with the file, line and its text"));
        commentLine.setOnAction(e -> commentOnLine());
        commentPr.setId("commentOnPullRequest");
        commentPr.setTooltip(new Tooltip("Ask for a change to the whole PR: a follow-up worker on its branch gets "
                + "your comment"));
        commentPr.setOnAction(e -> comment(ReviewComment.onPullRequest(""), "Comment on PR #" + pr.number()));
        commentLine.setDisable(true);
        commentPr.setDisable(true);
        Icons.on(commentLine, Feather.MESSAGE_SQUARE);
        Icons.on(commentPr, Feather.MESSAGE_CIRCLE);
        ToolBar tools = new ToolBar(unified, sideBySide, wholeFile, commentLine, commentPr, status);
        BorderPane diffPane = new BorderPane(diffHolder);
        diffPane.setTop(tools);
        SplitPane changesPane = new SplitPane(files, diffPane);
        changesPane.setDividerPositions(0.25);
        SplitPane.setResizableWithParent(files, false);
        TabPane tabs = new TabPane(tab("Changes", changesPane), tab("Checks", scroll(checks)),
                tab("Comments", scroll(comments)));
        tabs.setId("reviewTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox top = new VBox(title);
        top.setPadding(new Insets(6, 8, 6, 8));
        pane.setTop(top);
        pane.setCenter(tabs);
    }

    private static Tab tab(String name, Node content) {
        Tab t = new Tab(name, content);
        t.setId("review" + name);
        return t;
    }

    private static Node scroll(VBox box) {
        box.setPadding(new Insets(8));
        javafx.scene.control.ScrollPane s = new javafx.scene.control.ScrollPane(box);
        s.setFitToWidth(true);
        return s;
    }

    public Node node() {
        return pane;
    }

    /**
     * FX thread: shows the review of {@code row} (null: none), reading its changes and feedback anew; the same PR at
     * the same head and status (a table refresh) keeps the file and the place the operator is reading.
     */
    public void show(PullRequestRow row) {
        if (row != null && pr != null && row.id().equals(pr.id()) && row.headSha().equals(pr.headSha())
                && row.status() == pr.status()) {
            pr = row; // its checks, mergeability and feedback may have moved: those are read again
            long same = prShown;
            queries.pullRequestFeedback(row.id()).thenAccept(items -> Platform.runLater(() -> {
                if (same == prShown) {
                    showChecks(pr, items);
                    showComments(items);
                }
            }));
            return;
        }
        long mine = ++prShown;
        fileShown++;
        pr = row;
        changes = null;
        versions = null;
        files.getItems().clear();
        diffHolder.getChildren().setAll(diffNote);
        checks.getChildren().clear();
        comments.getChildren().clear();
        commentPr.setDisable(row == null || !row.status().awaitingReview());
        commentLine.setDisable(true);
        if (row == null) {
            title.setText("Select a pull request to see what it changes.");
            return;
        }
        title.setText("PR #" + row.number() + ": " + row.title() + "  ·  " + row.branch() + " → " + row.baseBranch()
                + "  ·  " + row.status().wire());
        diffNote.setText("Reading the changes…");
        showChecks(row, List.of());
        // a read that fails (the forge unreachable, the branch gone) says so in place: no dialog per selection
        read(commands.operations().pullRequestChanges(row.id()), () -> mine == prShown, c -> {
                    changes = c;
                    title.setText("PR #" + row.number() + ": " + row.title() + "  ·  " + c.files().size() + " file"
                            + (c.files().size() == 1 ? "" : "s") + ", +" + c.added() + " −" + c.removed() + "  ·  "
                            + row.branch() + " → " + row.baseBranch() + " at " + shortSha(c.headCommit()));
                    files.setPlaceholder(new Label("This pull request changes no file."));
                    files.getItems().setAll(c.files());
                    diffNote.setText(c.files().isEmpty() ? "This pull request changes no file."
                            : "Select a file to see its diff.");
                    if (!c.files().isEmpty()) {
                        files.getSelectionModel().selectFirst();
                    }
                }, "The changes of PR #" + row.number() + " could not be read");
        queries.pullRequestFeedback(row.id()).thenAccept(items -> Platform.runLater(() -> {
            if (mine == prShown) {
                showChecks(row, items);
                showComments(items);
            }
        }));
    }

    private void showFile(ChangedFile f) {
        long mine = ++fileShown;
        versions = null;
        commentLine.setDisable(true);
        if (f == null || changes == null) {
            return;
        }
        diffNote.setText("Reading " + f.path() + "…");
        diffHolder.getChildren().setAll(diffNote);
        PullRequestRow row = pr;
        read(commands.operations().fileVersions(row.id(), changes, f), () -> mine == fileShown, v -> {
            versions = v;
            redraw();
        }, "The diff of " + f.path() + " could not be read");
    }

    /** On the FX thread: {@code then} with the answer if still {@code current}, else the failure in the diff's place. */
    private <T> void read(CompletableFuture<T> answer, java.util.function.BooleanSupplier current,
            java.util.function.Consumer<T> then, String failure) {
        answer.whenComplete((value, error) -> Platform.runLater(() -> {
            if (!current.getAsBoolean()) {
                return;
            }
            if (error == null) {
                then.accept(value);
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            diffNote.setText(failure + ": " + cause.getMessage());
            diffHolder.getChildren().setAll(diffNote);
        }));
    }

    /** Renders the shown file's diff off the FX thread, in the mode chosen now. */
    private void redraw() {
        FileVersions v = versions;
        if (v == null) {
            return;
        }
        if (v.unshown() != null) {
            diffNote.setText(v.unshown());
            diffHolder.getChildren().setAll(diffNote);
            return;
        }
        long mine = ++fileShown;
        boolean split = sideBySide.isSelected();
        boolean fold = !wholeFile.isSelected();
        CompletableFuture.supplyAsync(() -> DiffView.render(DiffRows.of(v.before(), v.after(), fold),
                v.file().path(), split)).whenComplete((rendered, error) -> Platform.runLater(() -> {
                    if (mine != fileShown) {
                        return;
                    }
                    if (error != null) {
                        commands.showError("The diff of " + v.file().path() + " could not be shown", error);
                        return;
                    }
                    diff.show(rendered);
                    diffHolder.getChildren().setAll(diff.node());
                    commentLine.setDisable(pr == null || !pr.status().awaitingReview());
                }));
    }

    private void commentOnLine() {
        FileVersions v = versions;
        Optional<DiffView.LineRef> line = diff.currentLine();
        if (v == null || line.isEmpty()) {
            status.setText("Click a line of the diff first.");
            return;
        }
        DiffView.LineRef ref = line.get();
        String path = ref.onBase() ? v.file().previousPath() : v.file().path();
        comment(new ReviewComment(path, ref.number(), ref.onBase(), ref.text(), ""),
                "Comment on " + path + ", line " + ref.number() + (ref.onBase() ? " (base)" : ""));
    }

    private void comment(ReviewComment about, String header) {
        PullRequestRow row = pr;
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(commands.owner());
        dialog.setTitle("Review PR #" + row.number());
        dialog.setHeaderText(header + (about.lineText().isBlank() ? "" : "\n" + cut(about.lineText().strip())));
        TextArea text = new TextArea();
        text.setId("reviewCommentText");
        text.setPromptText("What should change? A follow-up worker on " + row.branch() + " gets this.");
        text.setWrapText(true);
        text.setPrefRowCount(5);
        dialog.getDialogPane().setContent(text);
        ButtonType send = new ButtonType("Send to a worker", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(send, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(send).disableProperty().bind(text.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == send ? text.getText() : null);
        Platform.runLater(text::requestFocus);
        dialog.showAndWait().filter(s -> !s.isBlank()).ifPresent(body -> commands.run("The comment was not sent",
                () -> commands.operations().commentOnPullRequest(row.id(), new ReviewComment(about.path(),
                        about.line(), about.onBase(), about.lineText(), body.strip())), done -> {
                            status.setText("Sent: a follow-up worker on " + row.branch() + " gets it.");
                            if (pr == row) {
                                queries.pullRequestFeedback(row.id()).thenAccept(items -> Platform.runLater(() -> {
                                    if (pr == row) {
                                        showComments(items);
                                    }
                                }));
                            }
                        }));
    }

    private void showChecks(PullRequestRow row, List<PrFeedback.Recorded> items) {
        checks.getChildren().setAll(new Label("Checks: " + WireNames.of(row.checks())
                + (row.mergeable().equals("conflicting") ? "  ·  conflicts with " + row.baseBranch()
                        + (row.conflictFiles().isBlank() ? "" : " in " + row.conflictFiles())
                        : row.status().awaitingReview() ? "  ·  " + row.mergeable() : "")));
        items.stream().filter(i -> !i.item().kind().equals(PrFeedback.COMMENT)).forEach(i ->
                checks.getChildren().add(entry(i)));
        if (items.stream().allMatch(i -> i.item().kind().equals(PrFeedback.COMMENT))) {
            checks.getChildren().add(new Label("No failing check or conflict was reported for this pull request."));
        }
    }

    private void showComments(List<PrFeedback.Recorded> items) {
        comments.getChildren().clear();
        items.stream().filter(i -> i.item().kind().equals(PrFeedback.COMMENT)).forEach(i ->
                comments.getChildren().add(entry(i)));
        if (comments.getChildren().isEmpty()) {
            comments.getChildren().add(new Label("No review comments yet. Comment on a line of the diff, or on the "
                    + "whole PR, and a follow-up worker addresses it."));
        }
    }

    private static Node entry(PrFeedback.Recorded r) {
        Label when = new Label(r.at() + (r.handledBy() == null ? "  ·  waiting for a follow-up worker"
                : "  ·  handed to follow-up " + r.handledBy()));
        when.getStyleClass().add("review-entry-meta");
        TextArea text = new TextArea(r.item().text());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(12, Math.max(2, (int) r.item().text().lines().count())));
        return new VBox(2, when, text);
    }

    private static String cut(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** A changed file: how it changed, its path (and where it was), and its +/- counts. */
    private static final class FileCell extends ListCell<ChangedFile> {
        @Override
        protected void updateItem(ChangedFile f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String change = switch (f.change()) {
                case ADDED -> "A";
                case DELETED -> "D";
                case RENAMED -> "R";
                case MODIFIED -> "M";
            };
            setText(change + "  " + f.path() + (f.binary() ? "  (binary)" : "  +" + f.added() + " −" + f.removed()));
            setTooltip(new Tooltip(f.change() == ChangedFile.Change.RENAMED ? f.previousPath() + " → " + f.path()
                    : f.path()));
        }
    }
}
