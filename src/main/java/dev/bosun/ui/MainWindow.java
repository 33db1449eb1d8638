package dev.bosun.ui;

import dev.bosun.store.Row;
import dev.bosun.store.Row.ActivityRow;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.store.Row.QuestionRow;
import dev.bosun.store.Row.SessionRow;
import dev.bosun.store.Row.TargetRow;
import dev.bosun.store.Row.WorkspaceRow;
import dev.bosun.engine.Operations;
import dev.bosun.engine.TableQueries;
import dev.bosun.ui.activity.ActivityView;
import dev.bosun.ui.objectives.NewObjectiveDialog;
import dev.bosun.ui.objectives.ObjectiveDetailView;
import dev.bosun.ui.objectives.NewObjectiveViewModel;
import dev.bosun.ui.objectives.ObjectivesView;
import dev.bosun.ui.prs.PullRequestsView;
import dev.bosun.ui.questions.QuestionsView;
import dev.bosun.ui.sessions.SessionsView;
import dev.bosun.ui.targets.TargetsView;
import dev.bosun.ui.workspaces.WorkspacesView;
import java.util.List;
import java.util.function.Predicate;
import javafx.application.Platform;
import org.kordamp.ikonli.feather.Feather;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window: a toolbar of operator actions, one tab per table, and a status bar. Tables are fed by
 * the change feed through one {@link FxFeed}; the first load only fills in what the feed has not delivered yet.
 */
public final class MainWindow implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    private final UiContext context;
    private final FxFeed feed = new FxFeed(Platform::runLater, FxFeed.REFRESH);
    private final BorderPane root = new BorderPane();
    private final ObjectivesView objectives;
    private final AutoCloseable subscription;
    private final Commands commands;
    private final SessionsView sessions;
    private final ObjectiveDetailView objectiveDetail;
    private final WindowState state;
    private final List<TableView<?>> tables;
    private final javafx.scene.control.ToggleButton dark = new javafx.scene.control.ToggleButton("Dark");
    private ToolBar objectiveActions;
    private String spendPerDay = ""; // FX thread
    private final javafx.animation.Timeline statusClock;

    /** Web links (a PR on GitHub) open with this. */
    public void openLinksWith(java.util.function.Consumer<String> browser) {
        commands.openLinksWith(browser);
    }

    public MainWindow(UiContext context) {
        this.context = context;
        commands = new Commands(context.operations(), this::window);
        state = WindowState.load(java.nio.file.Path.of(context.dataFolder()).resolve("ui.properties"));
        objectiveDetail = new ObjectiveDetailView(context.queries());
        objectives = new ObjectivesView(feed.table(ObjectiveRow.class, new RowList<>()),
                context.operations().supervisorSettings().respawnBudget());
        sessions = new SessionsView(feed.table(SessionRow.class, new RowList<>()), commands, context.queries());
        PullRequestsView prs = new PullRequestsView(feed.table(PullRequestRow.class, new RowList<>()), commands,
                context.queries());
        WorkspacesView workspaces = new WorkspacesView(feed.table(WorkspaceRow.class, new RowList<>()), commands);
        TargetsView targets = new TargetsView(feed.table(TargetRow.class, new RowList<>()), commands);
        QuestionsView questions = new QuestionsView(feed.table(QuestionRow.class, new RowList<>()), commands,
                context.queries());
        ActivityView activity =
                new ActivityView(feed.table(ActivityRow.class, new RowList<>(TableQueries.ACTIVITY_ROWS,
                        java.util.Comparator.comparingLong(ActivityRow::seq))));

        ToolBar top = toolbar(); // first: it makes the Objectives tab's actions too
        TabPane tabs = new TabPane(
                tab("objectivesTab", counted("Objectives", feed.list(ObjectiveRow.class),
                        r -> !r.status().terminal()), objectivesWithDetail()),
                tab("sessionsTab", counted("Sessions", feed.list(SessionRow.class),
                        r -> !r.status().terminal()), sessions.node()),
                tab("pullRequestsTab", counted("Pull Requests", feed.list(PullRequestRow.class),
                        r -> r.status().awaitingReview()), prs.node()),
                tab("workspacesTab", counted("Workspaces", feed.list(WorkspaceRow.class),
                        r -> !r.status().terminal()), workspaces.node()),
                tab("targetsTab", Bindings.createStringBinding(() -> "Targets"), targets.node()),
                tab("questionsTab", counted("Questions", feed.list(QuestionRow.class),
                        r -> !r.status().terminal()), questions.node()),
                tab("activityTab", Bindings.createStringBinding(() -> "Activity"), activity.node()));
        tables = List.of(objectives.table(), sessions.table(), prs.table(), workspaces.table(), targets.table(),
                questions.table(), activity.table());
        tables.forEach(state::restoreColumns);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        objectiveDetail.onReview(id -> prs.table().getItems().stream().filter(r -> r.id().equals(id)).findFirst()
                .ifPresent(row -> {
                    tabs.getTabs().stream().filter(t -> "pullRequestsTab".equals(t.getId())).findFirst()
                            .ifPresent(tabs.getSelectionModel()::select);
                    prs.table().getSelectionModel().select(row);
                    prs.table().scrollTo(row);
                }));

        root.setTop(top);
        root.setCenter(tabs);
        StatusBar status = new StatusBar();
        status.setId("statusBar");
        Runnable refresh = () -> status.setText(statusLine(context.operations().status(), java.time.Instant.now()));
        refresh.run();
        long[] spendSeen = {-1, 0}; // tokens of all objectives' rows when the spend was last read; ticks since
        statusClock = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(2),
                e -> {
                    // the spend per day, read off the FX thread when the objectives' tokens moved (and every 10
                    // minutes, so a new day shows)
                    long tokens = feed.list(ObjectiveRow.class).stream().mapToLong(ObjectiveRow::tokens).sum();
                    if (tokens != spendSeen[0] || ++spendSeen[1] >= 300) {
                        spendSeen[0] = tokens;
                        spendSeen[1] = 0;
                        context.queries().usagePerDay(7).thenAccept(days -> Platform.runLater(() ->
                                spendPerDay = spendLine(days)));
                    }
                    refresh.run();
                }));
        statusClock.setCycleCount(javafx.animation.Animation.INDEFINITE);
        statusClock.play();
        root.setBottom(status);
        root.getStyleClass().add("main-window");

        QuestionAlerts alerts = new QuestionAlerts(feed.list(QuestionRow.class), this::window);
        subscription = context.feed().subscribe(feed::post);
        context.queries().allRows().whenComplete((rows, error) -> {
            if (error != null) {
                log.error("Loading the tables failed", error);
                Platform.runLater(() -> showError("Loading the tables failed", error));
            } else {
                feed.postBaseline(rows);
                Platform.runLater(alerts::arm); // after the baseline's drain: only what arrives later is new
            }
        });
    }

    /** The objectives table over the selected objective's detail, refreshed whenever its row changes. */
    private javafx.scene.Node objectivesWithDetail() {
        TableView<ObjectiveRow> table = objectives.table();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                objectiveDetail.show(row == null ? null : row.id()));
        javafx.scene.layout.BorderPane top = new javafx.scene.layout.BorderPane(objectives.node());
        top.setTop(objectiveActions);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(top, objectiveDetail.node());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        return split;
    }

    private ToolBar toolbar() {
        Button newObjective = new Button("New objective…");
        newObjective.setId("newObjective");
        newObjective.setTooltip(new Tooltip("Give the agents a new objective (Ctrl+N)"));
        newObjective.setOnAction(e -> openNewObjective());
        newObjective.getStyleClass().add("accent");

        Button cancel = new Button("Cancel objective");
        cancel.setId("cancelObjective");
        cancel.setTooltip(new Tooltip("Cancel the selected objective and stop its sessions"));
        TableView<ObjectiveRow> table = objectives.table();
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ObjectiveRow selected = table.getSelectionModel().getSelectedItem();
            return selected == null || selected.status().terminal();
        }, table.getSelectionModel().selectedItemProperty(), table.getItems()));
        cancel.setOnAction(e -> cancelSelected());

        Button poke = Commands.forSelection("forcePoke", "Force poke", "Poke the selected objective's live manager "
                + "now, with the objective's state (Ctrl+P)", table, o -> !o.status().terminal()
                        && o.manager().pokeable(), o -> commands.run("The manager was not poked",
                        () -> context.operations().forcePoke(o.id()), v -> { }));
        Button approve = Commands.forSelection("approveRespawn", "Approve respawn", "Allow one more manager past "
                + "the respawn budget and start it now (the objective has no live manager)", table,
                o -> !o.status().terminal() && o.manager().respawnable(),
                o -> commands.run("No respawn was approved", () -> context.operations().approveRespawn(o.id(), 1),
                        v -> { }));

        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                applyTheme();
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                        this::openNewObjective);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                        () -> poke.fire());
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
            }
        });
        dark.setId("darkTheme");
        dark.setTooltip(new Tooltip("Dark theme"));
        dark.setSelected(state.darkOr(context.desktopDark()));
        dark.selectedProperty().addListener((obs, old, on) -> applyTheme());
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        Icons.on(newObjective, Feather.PLUS);
        Icons.on(poke, Feather.ZAP);
        Icons.on(approve, Feather.ROTATE_CW);
        Icons.on(cancel, Feather.X_CIRCLE);
        Icons.on(dark, Feather.MOON);
        objectiveActions = new ToolBar(poke, approve, cancel); // shown in the Objectives tab: they act on its rows
        objectiveActions.setId("objectiveActions");
        Button settings = Icons.on(new Button("Settings…"), Feather.SETTINGS);
        settings.setId("settings");
        settings.setTooltip(new Tooltip("GitHub, the PR refresh, the supervisor's knobs and what agents get ("
                + context.settings().location() + ")"));
        settings.setDisable(context.settings() == SettingsFile.NONE);
        settings.setOnAction(e -> new SettingsDialog(window(), context.settings()).showAndWait());
        return new ToolBar(newObjective, spacer, settings, dark);
    }

    /** The keyboard's shortcuts, on F1. */
    private void showShortcuts() {
        String mod = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac") ? "⌘" : "Ctrl+";
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setId("shortcuts");
        grid.setHgap(16);
        grid.setVgap(6);
        String[][] rows = {{mod + "N", "New objective"}, {mod + "P", "Force a poke of the selected objective's manager"},
                {mod + "Enter", "Create the objective (in New objective); send the answer (in Questions)"},
                {"Tab / Shift+Tab", "Next / previous field (" + mod + "Tab inside the prompt)"}, {"F1", "This overview"}};
        for (int i = 0; i < rows.length; i++) {
            grid.addRow(i, new javafx.scene.control.Label(rows[i][0]), new javafx.scene.control.Label(rows[i][1]));
        }
        alert.getDialogPane().setContent(grid);
        alert.show();
    }

    private void applyTheme() {
        // AtlantaFX's Primer, light or dark, under Bosun's own few rules (status colours)
        javafx.application.Application.setUserAgentStylesheet((dark.isSelected() ? new atlantafx.base.theme.PrimerDark()
                : new atlantafx.base.theme.PrimerLight()).getUserAgentStylesheet());
        if (root.getScene() == null) {
            return;
        }
        String css = java.util.Objects.requireNonNull(MainWindow.class.getResource("/dev/bosun/ui/bosun-dark.css"))
                .toExternalForm();
        root.getScene().getStylesheets().remove(css);
        if (dark.isSelected()) {
            root.getScene().getStylesheets().add(css);
        }
    }

    /** The layout remembered from the last run: the window's size comes from here. */
    public WindowState state() {
        return state;
    }

    private void openNewObjective() {
        NewObjectiveDialog dialog = new NewObjectiveDialog(window(),
                new NewObjectiveViewModel(context.operations(), Platform::runLater));
        dialog.show();
    }

    private void cancelSelected() {
        ObjectiveRow selected = objectives.table().getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Its live sessions will be stopped and its open questions closed.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(window());
        confirm.setHeaderText("Cancel “" + selected.title() + "”?");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b ->
                context.operations().cancelObjective(selected.id(), "canceled by the operator")
                        .whenComplete((o, error) -> {
                            if (error != null) {
                                Platform.runLater(() -> showError("The objective was not canceled", error));
                            }
                        }));
    }

    private void showError(String header, Throwable error) {
        commands.showError(header, error);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Tab tab(String id, StringBinding title, javafx.scene.Node content) {
        Tab tab = new Tab();
        tab.setId(id);
        tab.textProperty().bind(title);
        tab.setContent(content);
        return tab;
    }

    /** "Sessions (3)": how many rows of the table still need attention. */
    private static <R extends Row> StringBinding counted(String name, RowList<R> rows, Predicate<R> live) {
        return Bindings.createStringBinding(() -> {
            long n = rows.stream().filter(live).count();
            return n == 0 ? name : name + " (" + n + ")";
        }, rows.revision()); // rows updated in place fire no list change
    }

    public Parent root() {
        return root;
    }

    /** "Engine running · last pass 1 s ago · GC 3 min ago · MCP … · data …": is the loop alive, where things are. */
    private String statusLine(Operations.EngineStatus s, java.time.Instant now) {
        String engine = s.lastSchedulerPass() == null ? "Engine starting"
                : java.time.Duration.between(s.lastSchedulerPass(), now).toSeconds() > 30
                        ? "Engine: no scheduler pass for " + ago(s.lastSchedulerPass(), now)
                        : "Engine running, last pass " + ago(s.lastSchedulerPass(), now) + " ago";
        String gc = s.gc() != null ? "GC: " + s.gc().text()
                : s.lastGcPass() == null ? "GC not run yet" : "GC " + ago(s.lastGcPass(), now) + " ago";
        if (s.prRefresh() != null) {
            gc += "    PR refresh: " + s.prRefresh().text();
        }
        return engine + "    " + gc + (spendPerDay.isEmpty() ? "" : "    " + spendPerDay) + "    MCP "
                + context.mcpUrl() + "    Data " + context.dataFolder();
    }

    /** "Today 12,345 tokens, $0.42 · 7 days $3.10": what the agents cost, over all objectives. */
    static String spendLine(List<dev.bosun.store.Sessions.DayUsage> days) {
        if (days.isEmpty()) {
            return "";
        }
        String today = java.time.LocalDate.now().toString();
        var t = days.stream().filter(d -> d.day().equals(today)).findFirst();
        double week = days.stream().mapToDouble(dev.bosun.store.Sessions.DayUsage::costUsd).sum();
        long weekTokens = days.stream().mapToLong(dev.bosun.store.Sessions.DayUsage::tokens).sum();
        return String.format(java.util.Locale.ROOT, "Today %,d tokens, $%.2f · 7 days %,d tokens, $%.2f",
                t.map(dev.bosun.store.Sessions.DayUsage::tokens).orElse(0L),
                t.map(dev.bosun.store.Sessions.DayUsage::costUsd).orElse(0.0), weekTokens, week);
    }

    private static String ago(java.time.Instant then, java.time.Instant now) {
        long seconds = Math.max(0, java.time.Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    /** For tests: the objective detail under the Objectives table. */
    public ObjectiveDetailView objectiveDetail() {
        return objectiveDetail;
    }

    /** For tests: the Sessions tab. */
    public SessionsView sessions() {
        return sessions;
    }

    /** For tests and measurements. */
    public FxFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        sessions.transcript().close();
        statusClock.stop();
        tables.forEach(state::rememberColumns);
        state.dark(dark.isSelected());
        if (window() instanceof javafx.stage.Stage stage) {
            state.window(stage.isMaximized() ? state.width() : stage.getWidth(),
                    stage.isMaximized() ? state.height() : stage.getHeight(), stage.isMaximized());
        }
        state.save();
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("Unsubscribing the window from the change feed failed", e);
        }
    }
}
