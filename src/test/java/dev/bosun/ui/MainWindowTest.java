package dev.bosun.ui;

import dev.bosun.domain.Actor;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.ManagerState;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.domain.ObjectiveStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.engine.ChangeFeed;
import dev.bosun.engine.Engine;
import dev.bosun.engine.TestOrchestration;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Database;
import dev.bosun.store.Row;
import dev.bosun.store.Row.ActivityRow;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.store.Row.QuestionRow;
import dev.bosun.store.Row.SessionRow;
import dev.bosun.store.Row.TargetRow;
import dev.bosun.store.Row.WorkspaceRow;
import dev.bosun.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on a real database and engine, driven headless (Monocle) by TestFX. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path dir;

    Database db;
    Engine engine;
    ChangeFeed feed;
    MainWindow window;
    Path data;

    @Start
    void start(Stage stage) throws Exception {
        data = Files.createTempDirectory(dir, "data");
        db = Database.open(data.resolve("bosun.db"), Clock.systemUTC());
        feed = new ChangeFeed();
        db.onCommit(feed::publish);
        engine = new Engine(Clock.systemUTC(), 2);
        // a respawn budget of 6, not the default 4: the Managers column must count against the engine's own
        window = new MainWindow(new UiContext(TestOrchestration.withoutAgents(engine, db, dir, new SupervisorSettings(
                Duration.ofSeconds(90), Duration.ofSeconds(90), 6, 16)).operations(), feed, new TableQueries(engine,
                        db),
                data.toString(), "http://127.0.0.1:1", () -> { }));
        stage.setScene(BosunApp.styled(new Scene(window.root(), 1200, 700)));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
        engine.close();
        db.close();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    static <R> TableView<R> table(FxRobot robot, String id) {
        return (TableView<R>) robot.lookup("#" + id).queryAs(TableView.class);
    }

    @Test
    void f1ShowsTheKeyboardShortcuts(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> labels = robot.lookup("#shortcuts .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertThat(labels).contains("New objective", "F1");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
    }

    /** Every table's headers read whole at the default widths: none is cut to "Manage…" or "Questi…". */
    @Test
    void noColumnHeaderIsCutAtTheDefaultWidths(FxRobot robot) {
        for (javafx.scene.control.Tab tab : robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getTabs()) {
            robot.interact(() -> tab.getTabPane().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
        }
        List<String> shown = robot.lookup(".column-header .label .text").queryAllAs(javafx.scene.text.Text.class)
                .stream().map(javafx.scene.text.Text::getText).toList();
        assertThat(shown).isNotEmpty().noneMatch(t -> t.endsWith("…") || t.endsWith("..."));
    }

    @Test
    void theThemeAndColumnWidthsAreRememberedInTheDataFolder(FxRobot robot) throws Exception {
        robot.clickOn("#darkTheme");
        assertThat(window.root().getScene().getStylesheets()).anyMatch(css -> css.endsWith("bosun-dark.css"));
        assertThat(javafx.application.Application.getUserAgentStylesheet())
                .isEqualTo(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
        TableView<?> objectives = table(robot, "objectivesTable");
        robot.interact(() -> objectives.getColumns().get(0).setPrefWidth(333));
        WaitForAsyncUtils.waitForFxEvents();
        double shown = objectives.getColumns().get(0).getWidth(); // as laid out, which is what is remembered

        robot.interact(window::close);

        WindowState saved = WindowState.load(data.resolve("ui.properties"));
        assertThat(saved.darkOr(false)).isTrue();
        TableView<Object> fresh = new TableView<>();
        fresh.setId("objectivesTable");
        javafx.scene.control.TableColumn<Object, String> first = new javafx.scene.control.TableColumn<>(
                objectives.getColumns().get(0).getText());
        fresh.getColumns().add(first);
        saved.restoreColumns(fresh);
        assertThat(first.getPrefWidth()).isEqualTo(Math.round(shown));
        assertThat(shown).isGreaterThan(220); // wider than its default: the change was really made
    }

    @Test
    void theManagersColumnCountsAgainstTheEnginesRespawnBudgetPlusTheOperatorsGrants(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        feed.publish(List.of(new ObjectiveRow("obj_m", "Budgeted", ObjectiveStatus.ACTIVE, "/r", "Claude Code",
                new ManagerState(SessionStatus.RUNNING, false), now, 0, 0, 0, 0, 0, 3, 2, 0, 0, now, now)));
        waitUntil(() -> robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> "Budgeted".equals(c.getText())));
        assertThat(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .anyMatch(c -> "3 / 8".equals(c.getText()));
    }

    /** The detail charts an objective's spend turn by turn; the status bar gives the day's and the week's totals. */
    @Test
    void anObjectivesSpendIsChartedInItsDetailAndTheDaysTotalIsInTheStatusBar(FxRobot robot) throws Exception {
        String objectiveId = db.write(tx -> {
            var o = tx.objectives().create(new dev.bosun.domain.ObjectiveDraft("Spend", "p", "/r", "main",
                    dev.bosun.domain.AgentKind.CLAUDE), dev.bosun.domain.Actor.OPERATOR);
            var s = tx.sessions().create(new dev.bosun.store.NewSession(o.id(), null,
                    dev.bosun.domain.SessionRole.MANAGER, dev.bosun.domain.AgentKind.CLAUDE,
                    dev.bosun.domain.SessionMode.INTERACTIVE, "Manager", "g", List.of()),
                    dev.bosun.domain.Actor.ENGINE);
            tx.sessions().addUsage(s.id(), 1_000, 0.10);
            tx.sessions().addUsage(s.id(), 2_000, 0.20);
            return o.id();
        });
        TableView<ObjectiveRow> table = table(robot, "objectivesTable");
        waitUntil(() -> table.getItems().stream().anyMatch(r -> r.id().equals(objectiveId)));
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.id().equals(objectiveId)).findFirst().orElseThrow()));
        waitUntil(() -> robot.lookup("#objectiveSpend").queryAs(javafx.scene.control.Label.class).getText()
                .equals("Spend: 3,000 tokens, $0.30 over 2 turns"));
        @SuppressWarnings("unchecked")
        javafx.scene.chart.LineChart<Number, Number> chart =
                robot.lookup("#objectiveSpendChart").queryAs(javafx.scene.chart.LineChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData().get(0).getData()).extracting(d -> d.getYValue().doubleValue())
                .containsExactly(0.10, 0.30000000000000004);
        waitUntil(() -> robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText()
                .contains("Today 3,000 tokens, $0.30"));
    }

    @Test
    void objectivesCanBeSearchedAndFilteredToWhatNeedsTheOperator(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        feed.publish(List.of(
                new ObjectiveRow("obj_a", "Ship the export flag", ObjectiveStatus.ACTIVE, "/repos/app", "Claude Code",
                        new ManagerState(SessionStatus.RUNNING, false), now,
                        1, 2, 0, 0, 0, 1, 0, 0, 0, now, now),
                new ObjectiveRow("obj_b", "Fix the flaky test", ObjectiveStatus.WAITING_USER, "/repos/ci",
                        "Claude Code", new ManagerState(SessionStatus.FAILED, true), now, 0, 1, 0, 0, 1, 4, 0, 0, 0,
                                now, now),
                new ObjectiveRow("obj_c", "Old work", ObjectiveStatus.SUCCEEDED, "/repos/app", "Claude Code",
                        new ManagerState(SessionStatus.SUCCEEDED, false), now, 0,
                        1, 0, 1, 0, 1, 0, 0, 0, now, now)));
        TableView<ObjectiveRow> table = table(robot, "objectivesTable");
        waitUntil(() -> table.getItems().size() == 3);

        robot.interact(() -> robot.lookup("#objectiveSearch").queryAs(javafx.scene.control.TextField.class)
                .setText("flaky"));
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).id()).isEqualTo("obj_b");

        robot.interact(() -> {
            robot.lookup("#objectiveSearch").queryAs(javafx.scene.control.TextField.class).clear();
            robot.lookup("#objectiveFilter").queryAs(javafx.scene.control.ChoiceBox.class).getSelectionModel()
                    .select(1); // Needs me
        });
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).id()).isEqualTo("obj_b");
    }

    @Test
    void theWindowOpensWithATabForEachArea(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(t -> t.getText().replaceAll(" \\(\\d+\\)$", "")).containsExactly(
                "Objectives", "Sessions", "Pull Requests", "Workspaces", "Targets", "Questions", "Activity");
        for (String id : List.of("objectivesTable", "sessionsTable", "pullRequestsTable", "workspacesTable",
                "targetsTable", "questionsTable", "activityTable")) {
            assertThat(robot.lookup("#" + id).tryQuery()).as(id).isPresent();
        }
    }

    @Test
    void eachTableShowsTheRowsPublishedThroughTheFeed(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        List<Row> rows = List.of(
                new ObjectiveRow("obj_1", "Ship the export flag", ObjectiveStatus.ACTIVE, "/r", "Claude Code",
                        new ManagerState(SessionStatus.RUNNING, false), now, 2, 3,
                        1, 0, 1, 1, 0, 0, 0, now, now),
                new SessionRow("ses_1", "obj_1", SessionRole.WORKER, "Codex", SessionStatus.RUNNING, "Write tests",
                        "local", "editing",
                        "", 1200, 0.02, now, now),
                new PullRequestRow("pr_1", "obj_1", "acme/app", 42, "Add --json", PullRequestStatus.OPEN,
                        ChecksState.PASSING, "bosun/json",
                        "main", "Ship the export flag", "", "mergeable", "", 2, "1 file changed, 3 insertions(+)",
                        "0123456789abcdef0123456789abcdef01234567", now),
                new WorkspaceRow("wsp_1", "obj_1", "ses_1", "local", "/work/ses_1", "bosun/json",
                        WorkspaceStatus.READY, "", 2048L, now),
                new TargetRow("tgt_9", "build-box", TargetKind.SSH, TargetStatus.ONLINE, "build.lan", "/srv/work", 4,
                        1, 51_200L,
                        "✓ connection", "claude,codex", "bubblewrap 0.8.0", now),
                new QuestionRow("qst_1", "obj_1", "ses_1", QuestionKind.AGENT, QuestionStatus.OPEN, 5,
                        "Which port should it use?", null,
                        now),
                new ActivityRow(999_999, now, "obj_1", "ses_1", "session_running", "session running", Actor.ENGINE));
        feed.publish(rows);

        waitUntil(() -> table(robot, "activityTable").getItems().stream()
                .anyMatch(r -> ((ActivityRow) r).seq() == 999_999));
        assertThat(table(robot, "objectivesTable").getItems()).contains(rows.get(0));
        assertThat(table(robot, "sessionsTable").getItems()).contains(rows.get(1));
        assertThat(table(robot, "pullRequestsTable").getItems()).containsExactly(rows.get(2));
        assertThat(table(robot, "workspacesTable").getItems()).containsExactly(rows.get(3));
        assertThat(table(robot, "targetsTable").getItems()).contains(rows.get(4));
        assertThat(table(robot, "questionsTable").getItems()).containsExactly(rows.get(5));
        waitUntil(() -> robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> "Ship the export flag".equals(c.getText()))); // cells fill at the next pulse
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs().get(5).getText()).isEqualTo("Questions (1)");

        // a newer row for the same id replaces the old one in place
        ObjectiveRow done = new ObjectiveRow("obj_1", "Ship the export flag", ObjectiveStatus.SUCCEEDED, "/r",
                "Claude Code", new ManagerState(SessionStatus.SUCCEEDED, false), now, 0, 3, 0, 1, 0, 1, 0, 0, 0, now,
                        now.plusSeconds(5));
        feed.publish(List.of(done));
        waitUntil(() -> table(robot, "objectivesTable").getItems().contains(done));
        assertThat(table(robot, "objectivesTable").getItems()).filteredOn(r -> ((ObjectiveRow) r).id().equals("obj_1"))
                .containsExactly(done);
    }

    @Test
    void aPullRequestOnGitHubOpensInTheBrowserAndALocalOneHasNothingToOpen(FxRobot robot) throws Exception {
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> window.openLinksWith(opened::add));
        Instant now = Instant.now();
        PullRequestRow hosted = new PullRequestRow("pr_7", "obj_1", "https://github.com/acme/app.git", 7, "Add --json",
                PullRequestStatus.OPEN, ChecksState.FAILING, "bosun/json", "main", "Ship it",
                        "https://github.com/acme/app/pull/7", "mergeable",
                "", 1, "", "abc", now);
        PullRequestRow local = new PullRequestRow("pr_8", "obj_1", "/srv/app.git", 8, "Add --yaml",
                PullRequestStatus.OPEN,
                ChecksState.UNKNOWN, "bosun/yaml", "main", "Ship it", "", "mergeable", "", 1, "", "def", now);
        feed.publish(List.of(hosted, local));
        waitUntil(() -> table(robot, "pullRequestsTable").getItems().size() == 2);
        robot.interact(() -> robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(2));

        robot.interact(() -> table(robot, "pullRequestsTable").getSelectionModel().select(local));
        assertThat(robot.lookup("#openPullRequest").queryButton().isDisabled()).isTrue();
        robot.interact(() -> table(robot, "pullRequestsTable").getSelectionModel().select(hosted));
        robot.clickOn("#openPullRequest");

        waitUntil(() -> !opened.isEmpty());
        assertThat(opened).containsExactly("https://github.com/acme/app/pull/7");
    }

    @Test
    void theNewObjectiveDialogShowsWhatIsWrongAndCreatesAValidObjective(FxRobot robot) throws Exception {
        robot.clickOn("#newObjective");
        waitUntil(() -> robot.lookup("#createObjective").tryQuery().isPresent());

        robot.clickOn("#createObjective");
        waitUntil(() -> robot.lookup("#promptError").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#promptError").queryAs(Label.class).getText()).contains("prompt is required");
        assertThat(robot.lookup("#repositoryError").queryAs(Label.class).getText()).contains("repository is required");

        Path notARepo = Files.createDirectories(dir.resolve("plain-folder"));
        robot.clickOn("#prompt").write("Fix the flaky test");
        robot.interact(() -> robot.lookup("#repository").queryAs(TextField.class).setText(notARepo.toString()));
        robot.clickOn("#createObjective");
        waitUntil(() -> robot.lookup("#repositoryError").queryAs(Label.class).getText().contains("Not a git"));
        assertThat(robot.lookup("#promptError").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#repositoryError").queryAs(Label.class).getText()).contains(notARepo.toString());
        List<Row.ObjectiveRow> none = db.read(tx -> tx.rows().objectives());
        assertThat(none).isEmpty();

        Path repo = GitRepos.init(dir.resolve("good-repo"));
        robot.interact(() -> robot.lookup("#repository").queryAs(TextField.class).setText(repo.toString()));
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> budget = robot.lookup("#maxManagers").queryAs(
                javafx.scene.control.Spinner.class);
        assertThat(budget.getValue()).as("the setting's budget").isEqualTo(6);
        robot.interact(() -> budget.getValueFactory().setValue(2));
        robot.clickOn("#createObjective");

        waitUntil(() -> table(robot, "objectivesTable").getItems().stream()
                .anyMatch(r -> ((ObjectiveRow) r).title().equals("Fix the flaky test")));
        waitUntil(() -> Window.getWindows().size() == 1);
        ObjectiveRow row = (ObjectiveRow) table(robot, "objectivesTable").getItems().stream()
                .filter(r -> ((ObjectiveRow) r).title().equals("Fix the flaky test")).findFirst().orElseThrow();
        assertThat(row.status()).isEqualTo(ObjectiveStatus.ACTIVE);
        assertThat(row.repository()).isEqualTo(repo.toString());
        assertThat(row.manager().wire()).isEqualTo("queued");
        assertThat(db.read(tx -> tx.objectives().byId(row.id())).orElseThrow().maxManagers()).isEqualTo(2);
        waitUntil(() -> table(robot, "sessionsTable").getItems().stream()
                .anyMatch(r -> ((SessionRow) r).objectiveId().equals(row.id())));
    }

    @Test
    void rowsAlreadyInTheDatabaseAreLoadedAtStart(FxRobot robot) throws Exception {
        db.write(tx -> tx.targets().create("gpu-box", dev.bosun.domain.TargetKind.SSH, "gpu.lan", "ci", 22,
                "/srv/w", 2, Actor.OPERATOR));
        // a second window on the same database, fed by a feed that never publishes: only the first load fills it
        MainWindow[] second = new MainWindow[1];
        robot.interact(() -> second[0] = new MainWindow(new UiContext(TestOrchestration.withoutAgents(engine, db,
                dir).operations(), new ChangeFeed(),
                new TableQueries(engine, db), "x", "http://127.0.0.1:1", () -> { })));
        waitUntil(() -> second[0].feed().list(TargetRow.class).stream().anyMatch(t -> t.name().equals("gpu-box")));
        second[0].close();
    }

    @Test
    void theSelectedRowStaysSelectedThroughSmallAndLargeUpdates(FxRobot robot) throws Exception {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        publishActiveObjectives(500, t);
        TableView<ObjectiveRow> table = table(robot, "objectivesTable");
        waitUntil(() -> table.getItems().size() >= 500);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.id().equals("obj_000123")).findFirst().orElseThrow()));

        feed.publish(List.of(objective(123, ObjectiveStatus.WAITING_USER, t.plusSeconds(1))));
        waitUntil(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().status() == ObjectiveStatus.WAITING_USER);

        List<Row> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            burst.add(objective(i, ObjectiveStatus.SUCCEEDED, t.plusSeconds(2)));
        }
        feed.publish(burst);
        waitUntil(() -> table.getItems().stream().allMatch(r -> r.status() == ObjectiveStatus.SUCCEEDED));
        assertThat(table.getSelectionModel().getSelectedItem()).isNotNull();
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("obj_000123");
        assertThat(table.getItems()).hasSize(500);
    }

    @Test
    void aRowUpdatedInPlaceIsRedrawnOnScreenWithoutAListChangeAndTheTabCountFollowsIt(FxRobot robot)
            throws Exception {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        publishActiveObjectives(500, t);
        TableView<ObjectiveRow> table = table(robot, "objectivesTable");
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        waitUntil(() -> table.getItems().size() == 500 && tabs.getTabs().get(0).getText().equals("Objectives (500)"));
        // the rows on screen take their items at the next layout pulse, after the drain
        waitUntil(() -> robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .anyMatch(r -> r.getItem() != null));
        ObjectiveRow shown = robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .map(r -> (ObjectiveRow) r.getItem()).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(shown));
        int[] listChanges = {0};
        robot.interact(() -> table.getItems().addListener((javafx.collections.ListChangeListener<ObjectiveRow>)
                c -> listChanges[0]++));

        int n = Integer.parseInt(shown.id().substring(4));
        feed.publish(List.of(objective(n, ObjectiveStatus.SUCCEEDED, t.plusSeconds(1))));

        // its row on screen shows the new status, its selection carries the new row, the tab counts one fewer
        waitUntil(() -> robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() != null && ((ObjectiveRow) r.getItem()).id().equals(shown.id()))
                .anyMatch(r -> r.lookupAll(".table-cell").stream().anyMatch(c ->
                        "succeeded".equals(((javafx.scene.control.Labeled) c).getText()))));
        assertThat(table.getSelectionModel().getSelectedItem().status()).isEqualTo(ObjectiveStatus.SUCCEEDED);
        assertThat(tabs.getTabs().get(0).getText()).isEqualTo("Objectives (499)");
        assertThat(listChanges[0]).as("list changes for an update in place").isZero();
    }

    @Test
    void aFullActivityTableShowsEachNewEventOnTopAndDropsTheOldest(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        List<Row> full = new java.util.ArrayList<>();
        for (int seq = 1; seq <= TableQueries.ACTIVITY_ROWS; seq++) {
            full.add(new ActivityRow(seq, now, "obj_1", null, "session_running", "event " + seq, Actor.ENGINE));
        }
        feed.publish(full);
        TableView<ActivityRow> table = table(robot, "activityTable");
        waitUntil(() -> table.getItems().size() == TableQueries.ACTIVITY_ROWS);

        for (int seq = TableQueries.ACTIVITY_ROWS + 1; seq <= TableQueries.ACTIVITY_ROWS + 3; seq++) {
            feed.publish(List.of(new ActivityRow(seq, now, "obj_1", null, "session_running", "event " + seq,
                    Actor.ENGINE)));
            long newest = seq;
            waitUntil(() -> table.getItems().get(0).seq() == newest); // newest first, as the table is sorted
        }
        assertThat(table.getItems()).hasSize(TableQueries.ACTIVITY_ROWS);
        assertThat(table.getItems()).extracting(ActivityRow::seq).doesNotContain(1L, 2L, 3L)
                .contains(4L, (long) TableQueries.ACTIVITY_ROWS + 3);
    }

    private void publishActiveObjectives(int n, Instant at) {
        List<Row> many = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            many.add(objective(i, ObjectiveStatus.ACTIVE, at));
        }
        feed.publish(many);
    }

    static ObjectiveRow objective(int i, ObjectiveStatus status, Instant at) {
        return new ObjectiveRow(String.format("obj_%06d", i), "Objective " + i, status, "/r", "Claude Code",
                new ManagerState(SessionStatus.RUNNING, false), at, 0, 1, 0, 0, 0, 1, 0, 0, 0,
                        Instant.parse("2026-11-25T12:00:00Z").plusMillis(i), at);
    }
}
