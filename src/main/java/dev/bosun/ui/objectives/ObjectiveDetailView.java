package dev.bosun.ui.objectives;

import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.Session;
import dev.bosun.engine.TableQueries;
import dev.bosun.engine.TableQueries.ObjectiveDetail;
import dev.bosun.ui.Columns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The selected objective in full: its prompt; its sessions as a tree (managers, then the workers each spawned); its
 * pull requests and questions; and the timeline of every supervisor decision and operator action with its reason.
 * Read off the FX thread whenever the objective's row changes.
 */
public final class ObjectiveDetailView {
    private final TableQueries queries;
    private final Label header = new Label("Select an objective to see it in full.");
    private final TextArea prompt = new TextArea();
    private final TreeView<String> sessions = new TreeView<>();
    private final ListView<String> pullRequests = new ListView<>();
    private final ListView<String> questions = new ListView<>();
    private final ListView<String> timeline = new ListView<>();
    private final SpendChart spend = new SpendChart();
    private final BorderPane pane = new BorderPane();
    private int generation;
    private List<String> pullRequestIds = List.of();
    private java.util.function.Consumer<String> review = id -> { };

    public ObjectiveDetailView(TableQueries queries) {
        this.queries = queries;
        prompt.setEditable(false);
        prompt.setWrapText(true);
        prompt.setPrefRowCount(4);
        prompt.setId("objectivePrompt");
        sessions.setId("objectiveSessions");
        sessions.setShowRoot(false);
        timeline.setId("objectiveTimeline");
        pullRequests.setPlaceholder(new Label("No pull requests."));
        pullRequests.setId("objectivePullRequests");
        pullRequests.setTooltip(new javafx.scene.control.Tooltip("Double-click a pull request (or press Enter) to "
                + "review it: its diff, checks and comments"));
        pullRequests.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                reviewSelected();
            }
        });
        pullRequests.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                reviewSelected();
            }
        });
        questions.setPlaceholder(new Label("No questions."));
        VBox left = new VBox(4, titled("Prompt", prompt), titled("Sessions", sessions));
        VBox middle = new VBox(4, titled("Pull requests", pullRequests), titled("Questions", questions),
                spend.node());
        SplitPane split = new SplitPane(left, middle, titled("Timeline", timeline));
        split.setDividerPositions(0.38, 0.62);
        header.setPadding(new Insets(4));
        pane.setTop(header);
        pane.setCenter(split);
    }

    private static Node titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("detail-title");
        VBox box = new VBox(2, label, content);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    /** What reviewing one of its pull requests does (the main window shows it in the Pull Requests tab). */
    public void onReview(java.util.function.Consumer<String> pullRequestId) {
        review = pullRequestId;
    }

    private void reviewSelected() {
        int i = pullRequests.getSelectionModel().getSelectedIndex();
        if (i >= 0 && i < pullRequestIds.size()) {
            review.accept(pullRequestIds.get(i));
        }
    }

    /** Shows this objective (null: nothing), reading it on an io thread. */
    public void show(String objectiveId) {
        int gen = ++generation;
        if (objectiveId == null) {
            fill(null);
            return;
        }
        queries.objectiveDetail(objectiveId).thenAccept(d -> Platform.runLater(() -> {
            if (gen == generation) {
                fill(d.orElse(null));
            }
        }));
    }

    private void fill(ObjectiveDetail d) {
        if (d == null) {
            header.setText("Select an objective to see it in full.");
            prompt.clear();
            sessions.setRoot(null);
            pullRequests.getItems().clear();
            pullRequestIds = List.of();
            questions.getItems().clear();
            timeline.getItems().clear();
            spend.show(List.of());
            return;
        }
        header.setText(d.objective().title() + "  ·  " + d.objective().status().wire() + "  ·  "
                + d.objective().repository());
        if (!prompt.getText().equals(d.objective().prompt())) {
            prompt.setText(d.objective().prompt());
        }
        sessions.setRoot(tree(d.sessions()));
        pullRequestIds = d.pullRequests().stream().map(dev.bosun.domain.PullRequest::id).toList();
        pullRequests.getItems().setAll(d.pullRequests().stream().map(ObjectiveDetailView::line).toList());
        questions.getItems().setAll(d.questions().stream().map(ObjectiveDetailView::line).toList());
        spend.show(d.usage());
        // newest first: what just happened is what the operator looks for
        List<String> events = new java.util.ArrayList<>(d.timeline().stream().map(ObjectiveDetailView::line).toList());
        java.util.Collections.reverse(events);
        timeline.getItems().setAll(events);
    }

    /** Managers at the top, each worker under the session that spawned it. */
    private static TreeItem<String> tree(List<Session> all) {
        TreeItem<String> root = new TreeItem<>("sessions");
        Map<String, TreeItem<String>> byId = new HashMap<>();
        for (Session s : all) {
            TreeItem<String> item = new TreeItem<>(s.role().name().toLowerCase() + "  " + s.title() + "  ["
                    + s.status().wire() + "]" + (s.resultSummary() == null || s.resultSummary().isBlank() ? ""
                    : "  " + firstLine(s.resultSummary())));
            item.setExpanded(true);
            byId.put(s.id(), item);
        }
        for (Session s : all) {
            TreeItem<String> parent = s.parentSessionId() == null ? null : byId.get(s.parentSessionId());
            (parent == null ? root : parent).getChildren().add(byId.get(s.id()));
        }
        return root;
    }

    private static String line(PullRequest pr) {
        return "#" + pr.number() + " " + pr.title() + "  [" + pr.status().wire() + "]  " + pr.branch() + " → "
                + pr.baseBranch();
    }

    private static String line(Question q) {
        return "[" + q.status().wire() + "] " + firstLine(q.text()) + (q.answer() == null || q.answer().isBlank()
                ? "" : "  → " + firstLine(q.answer()));
    }

    private static String line(AuditEvent e) {
        return Columns.format(e.at()) + "  " + e.type() + "  " + firstLine(e.summary()) + "  (" + e.actor() + ")";
    }

    private static String firstLine(String text) {
        String l = text.strip().lines().findFirst().orElse("");
        return l.length() <= 160 ? l : l.substring(0, 159) + "…";
    }

    /** For tests: the timeline lines shown, newest first. */
    public List<String> timelineLines() {
        return timeline.getItems();
    }

    public Node node() {
        return pane;
    }
}
