package dev.bosun.ui.sessions;

import dev.bosun.domain.TranscriptEntry;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.engine.TableQueries;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/**
 * One session's transcript: a virtualized list that loads the newest page first and earlier pages as the operator
 * scrolls to the top, follows live output while it is scrolled to the bottom (checked once a second, off the FX
 * thread), and folds tool calls and results to one line (the whole text in the tooltip). Below it, a box to message
 * the session's agent.
 */
public final class TranscriptView {
    static final int PAGE = 200;

    private final TableQueries queries;
    private final ListView<TranscriptEntry> list = new ListView<>();
    private final Label header = new Label("Select a session to see its transcript.");
    private final BorderPane pane = new BorderPane();
    private final Timeline follow;
    private String sessionId;
    private long firstSeq = Long.MAX_VALUE;
    private long lastSeq;
    private boolean loadingEarlier;
    private boolean polling;
    private int generation;

    public TranscriptView(TableQueries queries, Commands commands) {
        this.queries = queries;
        list.setId("transcript");
        list.setCellFactory(v -> new EntryCell());
        list.setPlaceholder(new Label("No transcript yet."));
        TextField message = new TextField();
        message.setId("sessionMessage");
        message.setPromptText("Message this session's agent (Enter sends)");
        Button send = new Button("Send");
        send.setId("sendSessionMessage");
        send.setTooltip(new Tooltip("Delivered now if the agent runs, else when it starts again"));
        send.disableProperty().bind(message.textProperty().isEmpty());
        send.setOnAction(e -> {
            String id = sessionId;
            String text = message.getText();
            if (id != null) {
                commands.run("The message was not sent", () -> commands.operations().messageSession(id, text),
                        v -> message.clear());
            }
        });
        message.setOnAction(e -> send.fire());
        HBox.setHgrow(message, Priority.ALWAYS);
        Icons.on(send, Feather.SEND);
        HBox box = new HBox(6, message, send);
        box.setPadding(new Insets(4));
        header.setPadding(new Insets(4));
        pane.setTop(header);
        pane.setCenter(list);
        pane.setBottom(box);
        follow = new Timeline(new KeyFrame(Duration.seconds(1), e -> poll()));
        follow.setCycleCount(Timeline.INDEFINITE);
        follow.play();
        list.skinProperty().addListener((obs, old, skin) -> earlierPagesOnScroll());
    }

    /** Shows this session's transcript (null: none). */
    public void show(String id, String title) {
        if (java.util.Objects.equals(id, sessionId)) {
            return;
        }
        sessionId = id;
        int gen = ++generation;
        list.getItems().clear();
        firstSeq = Long.MAX_VALUE;
        lastSeq = 0;
        header.setText(id == null ? "Select a session to see its transcript." : title + "  ·  " + id);
        if (id != null) {
            queries.transcriptBefore(id, Long.MAX_VALUE, PAGE).thenAccept(page -> Platform.runLater(() -> {
                if (gen == generation) {
                    list.getItems().setAll(page);
                    remember(page);
                    list.scrollTo(list.getItems().size() - 1);
                }
            }));
        }
    }

    private void remember(List<TranscriptEntry> page) {
        if (!page.isEmpty()) {
            firstSeq = Math.min(firstSeq, page.get(0).seq());
            lastSeq = Math.max(lastSeq, page.get(page.size() - 1).seq());
        }
    }

    /** New output is appended; the list follows it only if the operator has not scrolled up. */
    private void poll() {
        String id = sessionId;
        if (id == null || polling) {
            return;
        }
        polling = true;
        int gen = generation;
        queries.transcriptAfter(id, lastSeq, 1000).whenComplete((page, error) -> Platform.runLater(() -> {
            polling = false;
            if (error != null || gen != generation || page.isEmpty()) {
                return;
            }
            boolean atBottom = atBottom();
            list.getItems().addAll(page);
            remember(page);
            if (atBottom) {
                list.scrollTo(list.getItems().size() - 1);
            }
        }));
    }

    private void earlierPagesOnScroll() {
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                bar.valueProperty().addListener((obs, old, value) -> {
                    if (value.doubleValue() <= bar.getMin() && firstSeq > 1 && !loadingEarlier) {
                        loadEarlier();
                    }
                });
            }
        }
    }

    private void loadEarlier() {
        String id = sessionId;
        if (id == null || firstSeq == Long.MAX_VALUE) {
            return;
        }
        loadingEarlier = true;
        int gen = generation;
        queries.transcriptBefore(id, firstSeq, PAGE).whenComplete((page, error) -> Platform.runLater(() -> {
            loadingEarlier = false;
            if (error == null && gen == generation && !page.isEmpty()) {
                list.getItems().addAll(0, page);
                remember(page);
                list.scrollTo(page.size()); // keep the entry that was at the top in view
            }
        }));
    }

    private boolean atBottom() {
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL
                    && bar.isVisible()) {
                return bar.getValue() >= bar.getMax() - 0.01;
            }
        }
        return true;
    }

    /** For tests: the entries loaded so far. */
    public List<TranscriptEntry> entries() {
        return list.getItems();
    }

    public Node node() {
        return pane;
    }

    public void close() {
        follow.stop();
    }

    private static final class EntryCell extends ListCell<TranscriptEntry> {
        @Override
        protected void updateItem(TranscriptEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeIf(s -> s.startsWith("transcript-"));
            if (empty || e == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            boolean folded = e.kind() == TranscriptKind.TOOL_CALL || e.kind() == TranscriptKind.TOOL_RESULT;
            String text = e.content();
            String shown = folded ? fold(text) : text;
            setText(Columns.format(e.at()) + "  " + prefix(e) + shown);
            setTooltip(folded && !shown.equals(text) ? new Tooltip(text.length() > 4000
                    ? text.substring(0, 4000) + "…" : text) : null);
            getStyleClass().add("transcript-" + e.kind().name().toLowerCase());
        }

        private static String prefix(TranscriptEntry e) {
            return switch (e.kind()) {
                case TOOL_CALL -> "▸ ";
                case TOOL_RESULT -> "  ↳ ";
                case ERROR -> "! ";
                default -> "";
            };
        }

        private static String fold(String text) {
            String line = text.lines().findFirst().orElse("");
            return line.length() > 200 ? line.substring(0, 199) + "…" : line + (text.contains("\n") ? " …" : "");
        }
    }
}
