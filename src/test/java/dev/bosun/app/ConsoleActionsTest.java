package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.store.Row;
import dev.bosun.testing.Git;
import dev.bosun.ui.BosunApp;
import dev.bosun.ui.MainWindow;
import dev.bosun.ui.UiContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's operator actions, clicked in the real window (headless) on a real Bosun whose agents are the offline
 * demo agent: each button does what it says, and is disabled when its action is impossible.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleActionsTest {
    @TempDir
    static Path dir;

    Bosun bosun;
    MainWindow window;
    Path origin;
    Path settings;

    @Start
    void start(Stage stage) throws Exception {
        Path d = Files.createTempDirectory(dir, "t");
        Git git = new Git(Files.createDirectories(d.resolve("home")));
        origin = git.origin(d);
        bosun = Bosun.start(new DataDirectory(d.resolve("data")), Clock.systemUTC(),
                AgentSetup.claude(d.resolve("no-claude").toString(), git.env(), git.env()));
        settings = d.resolve("data").resolve("settings.properties");
        window = new MainWindow(new UiContext(bosun.operations(), bosun.feed(), bosun.queries(), d.toString(),
                bosun.mcpUrl(), () -> { }, new SettingsFileEditor(settings)));
        stage.setScene(BosunApp.styled(new Scene(window.root(), 1200, 700)));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
        bosun.close();
    }

    Objective objective(String prompt) throws Exception {
        return bosun.operations().createObjective(new ObjectiveDraft(null, prompt, origin.toString(), "main",
                AgentKind.DEMO)).get(10, TimeUnit.SECONDS);
    }

    List<Session> sessions(Objective o) {
        return bosun.database().read(tx -> tx.sessions().forObjective(o.id()));
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows the tab and selects the first row that matches, as an operator's click would. */
    @SuppressWarnings("unchecked")
    <R extends Row> R select(FxRobot robot, int tab, String tableId, Class<R> type, Predicate<R> which)
            throws Exception {
        robot.interact(() -> robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(tab));
        TableView<R> table = robot.lookup("#" + tableId).queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(which));
        R row = table.getItems().stream().filter(which).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(row));
        return row;
    }

    static boolean enabled(FxRobot robot, String id) {
        return !robot.lookup("#" + id).queryAs(Button.class).isDisabled();
    }

    @Test
    void forcePokeReachesTheQuietManagerAndIsOnlyOfferedForALiveOne(FxRobot robot) throws Exception {
        assertThat(enabled(robot, "forcePoke")).as("nothing selected").isFalse();
        waitUntil(() -> {
            String status = robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText();
            return status.contains("Engine running, last pass") && status.contains("MCP " + bosun.mcpUrl())
                    && status.contains("GC ");
        });
        Objective o = objective("Tidy up [demo:quiet]");
        waitUntil(() -> "idle (turn complete)".equals(sessions(o).get(0).activity()));

        select(robot, 0, "objectivesTable", Row.ObjectiveRow.class, r -> r.id().equals(o.id())
                && r.manager().wire().equals("running"));
        assertThat(enabled(robot, "forcePoke")).isTrue();
        assertThat(enabled(robot, "approveRespawn")).as("its manager is alive").isFalse();
        robot.clickOn("#forcePoke");

        waitUntil(() -> sessions(o).size() == 3); // poked, the demo manager spawns its two workers
        waitUntil(() -> window.objectiveDetail().timelineLines().stream()
                .anyMatch(l -> l.contains("manager_poked") && l.contains("(operator)")));
        List<AuditEvent> trail = bosun.database().read(tx -> tx.audit().forObjective(o.id()));
        assertThat(trail).anyMatch(e -> e.type().equals("manager_poked") && e.actor().equals("operator"));

        robot.clickOn("#cancelObjective");
        robot.clickOn("OK");
        waitUntil(() -> robot.lookup("#forcePoke").queryAs(Button.class).isDisabled());
        assertThat(bosun.database().read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                .isEqualTo(ObjectiveStatus.CANCELED);
    }

    @Test
    void mergingAPullRequestMarksItMergedAndTheToldManagerFinishes(FxRobot robot) throws Exception {
        Objective o = objective("Ship it:\n- the one change");
        Row.PullRequestRow pr = select(robot, 2, "pullRequestsTable", Row.PullRequestRow.class,
                r -> r.objectiveId().equals(o.id()));
        assertThat(enabled(robot, "mergePullRequest")).isTrue();

        robot.clickOn("#mergePullRequest");
        // it asks first, naming the PR and its head commit; a merge commit unless another method is chosen
        waitUntil(() -> robot.lookup("#confirmMerge").tryQuery().isPresent());
        assertThat(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText)).anyMatch(t -> t != null && t.startsWith("Merge PR #"
                        + pr.number())).anyMatch(t -> t != null && t.length() == 12 && pr.headSha().startsWith(t));
        robot.clickOn("#confirmMerge");

        waitUntil(() -> bosun.database().read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().status()
                == PullRequestStatus.MERGED);
        waitUntil(() -> bosun.database().read(tx -> tx.objectives().byId(o.id())).orElseThrow().status()
                == ObjectiveStatus.SUCCEEDED);
        waitUntil(() -> !enabled(robot, "mergePullRequest"));
    }

    /**
     * The review pane: the selected PR's files and the diff of the first (unified, then side by side); a comment on
     * a line of the head side goes, with that line, to a follow-up worker on the PR's branch.
     */
    @Test
    void aPullRequestsDiffIsShownAndACommentOnOneOfItsLinesGoesToAFollowUpWorker(FxRobot robot) throws Exception {
        Objective o = objective("Ship it:\n- the one change");
        Row.PullRequestRow pr = select(robot, 2, "pullRequestsTable", Row.PullRequestRow.class,
                r -> r.objectiveId().equals(o.id()));
        // reached from the objective's detail too: a double-click on its PR opens the review
        select(robot, 0, "objectivesTable", Row.ObjectiveRow.class, r -> r.id().equals(o.id()));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> itsPrs =
                robot.lookup("#objectivePullRequests").queryAs(javafx.scene.control.ListView.class);
        waitUntil(() -> !itsPrs.getItems().isEmpty());
        robot.interact(() -> itsPrs.getSelectionModel().select(0));
        robot.doubleClickOn(robot.lookup("#objectivePullRequests .list-cell").queryAs(javafx.scene.Node.class));
        waitUntil(() -> robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedIndex() == 2);
        assertThat(((Row.PullRequestRow) robot.lookup("#pullRequestsTable").queryAs(TableView.class)
                .getSelectionModel().getSelectedItem()).id()).isEqualTo(pr.id());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<dev.bosun.domain.ChangedFile> files =
                robot.lookup("#reviewFiles").queryAs(javafx.scene.control.ListView.class);
        waitUntil(() -> !files.getItems().isEmpty() && robot.lookup("#diffUnified").tryQuery().isPresent());
        var area = robot.lookup("#diffUnified").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class);
        var changed = files.getItems().get(0);
        String after = bosun.operations().fileVersions(pr.id(), bosun.operations().pullRequestChanges(pr.id())
                .get(10, TimeUnit.SECONDS), changed).get(10, TimeUnit.SECONDS).after();
        assertThat(area.getText()).as("the diff shows the head's lines").contains(after.lines().findFirst()
                .orElseThrow());
        assertThat(robot.lookup("#reviewTitle").queryAs(javafx.scene.control.Label.class).getText())
                .contains("PR #" + pr.number(), files.getItems().size() + " file");

        robot.clickOn("#sideBySide");
        waitUntil(() -> robot.lookup("#diffHead").tryQuery().isPresent());
        var head = robot.lookup("#diffHead").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class);
        int line = 0;
        robot.interact(() -> {
            head.requestFocus();
            head.moveTo(line, 0);
        });
        String lineText = head.getParagraph(line).getText();
        robot.clickOn("#commentOnLine");
        waitUntil(() -> robot.lookup("#reviewCommentText").tryQuery().isPresent());
        robot.clickOn("#reviewCommentText").write("Say why in the commit message.");
        robot.clickOn("Send to a worker");

        waitUntil(() -> bosun.database().read(tx -> tx.pullRequests().feedbackHistory(pr.id())).stream()
                .anyMatch(r -> r.item().key().startsWith("operator:")));
        var feedback = bosun.database().read(tx -> tx.pullRequests().feedbackHistory(pr.id())).stream()
                .filter(r -> r.item().key().startsWith("operator:")).findFirst().orElseThrow();
        assertThat(feedback.item().text()).contains(changed.path() + ", line 1", "Say why in the commit message.",
                lineText.strip());
        waitUntil(() -> sessions(o).stream().anyMatch(s -> s.role() == dev.bosun.domain.SessionRole.FOLLOW_UP
                && s.goal().contains("Say why in the commit message.")));
    }

    /** The settings dialog refuses what a start would refuse, with the start's message, and saves what it accepts. */
    @Test
    void theSettingsDialogChecksAsAStartDoesAndWritesTheFile(FxRobot robot) throws Exception {
        java.nio.file.Files.writeString(settings, "# kept\ngithub.token=ghp_secret\n");
        robot.clickOn("#settings");
        waitUntil(() -> robot.lookup("#saveSettings").tryQuery().isPresent());
        var token = robot.lookup("#setting-github-token").queryAs(javafx.scene.control.PasswordField.class);
        assertThat(token.getText()).as("the token is never shown").isEmpty();
        assertThat(token.getPromptText()).contains("set");
        robot.clickOn("#setting-pr-refresh-seconds").write("5");
        robot.clickOn("#saveSettings");
        waitUntil(() -> !robot.lookup("#settingsError").queryAs(javafx.scene.control.Label.class).getText().isEmpty());
        assertThat(robot.lookup("#settingsError").queryAs(javafx.scene.control.Label.class).getText())
                .contains("pr.refresh.seconds must be a whole number from 10 to 86400", "Nothing was saved");
        assertThat(java.nio.file.Files.readString(settings)).isEqualTo("# kept\ngithub.token=ghp_secret\n");

        robot.interact(() -> robot.lookup("#setting-pr-refresh-seconds").queryAs(javafx.scene.control.TextField.class)
                .setText("120"));
        robot.interact(() -> robot.lookup("#setting-agents-claude-token")
                .queryAs(javafx.scene.control.PasswordField.class).setText("sk-ant-oat01-for-agents"));
        robot.clickOn("#saveSettings");
        waitUntil(() -> robot.lookup("#saveSettings").tryQuery().isEmpty());
        assertThat(java.nio.file.Files.readString(settings)).isEqualTo("# kept\ngithub.token=ghp_secret\n"
                + "pr.refresh.seconds=120\nagents.claude.token=sk-ant-oat01-for-agents\n");
    }

    @Test
    void theAnswerToAWorkersQuestionReachesThatWorker(FxRobot robot) throws Exception {
        Objective o = objective("Greet:\n- the greeting [demo:ask]");
        select(robot, 5, "questionsTable", Row.QuestionRow.class, r -> r.objectiveId().equals(o.id())
                && r.status().wire().equals("open"));
        assertThat(enabled(robot, "answerQuestion")).as("no answer typed yet").isFalse();
        waitUntil(() -> robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> "An agent asks you".equals(l.getText()))); // the desktop notification
        assertThat(enabled(robot, "allowRespawns")).as("not an escalation").isFalse();

        robot.interact(() -> robot.lookup("#answerText").queryAs(TextArea.class).setText("Hello, operators!"));
        robot.clickOn("#answerQuestion");

        waitUntil(() -> sessions(o).stream().anyMatch(s -> s.role() == SessionRole.WORKER
                && s.status() == SessionStatus.SUCCEEDED && s.resultSummary().contains("Hello, operators!")));
    }

    @Test
    void aSelectedSessionShowsItsTranscriptLiveAndTakesAMessage(FxRobot robot) throws Exception {
        Objective o = objective("Wait here [demo:quiet]");
        waitUntil(() -> "idle (turn complete)".equals(sessions(o).get(0).activity()));
        select(robot, 1, "sessionsTable", Row.SessionRow.class, r -> r.objectiveId().equals(o.id()));
        var transcript = window.sessions().transcript();
        waitUntil(() -> transcript.entries().stream().anyMatch(e -> e.content().contains("going quiet on purpose")));

        robot.clickOn("#sessionMessage").write("Please carry on.");
        robot.clickOn("#sendSessionMessage");

        // the demo manager reads it, takes its next step (spawns), and the transcript follows
        waitUntil(() -> transcript.entries().stream().anyMatch(e -> e.content().contains("Please carry on.")));
        waitUntil(() -> transcript.entries().stream().anyMatch(e -> e.content().contains("spawn_worker")));
        assertThat(sessions(o)).hasSize(3);
    }

    @Test
    void aTargetCanBeDrainedAndEnabledAgainOnlyFromStatesWhereThatMeansSomething(FxRobot robot) throws Exception {
        select(robot, 4, "targetsTable", Row.TargetRow.class, t -> t.name().equals("local")
                && t.status().wire().equals("online"));
        assertThat(enabled(robot, "drainTarget")).isTrue();
        assertThat(enabled(robot, "enableTarget")).as("already online").isFalse();

        robot.clickOn("#drainTarget");
        select(robot, 4, "targetsTable", Row.TargetRow.class, t -> t.name().equals("local")
                && t.status().wire().equals("draining"));
        assertThat(enabled(robot, "drainTarget")).isFalse();
        robot.clickOn("#enableTarget");

        select(robot, 4, "targetsTable", Row.TargetRow.class, t -> t.name().equals("local")
                && t.status().wire().equals("online"));
    }

    @Test
    void approvingMoreRespawnsFromAnEscalationStartsExactlyOneManagerAndClosesTheQuestion(FxRobot robot)
            throws Exception {
        Objective o = objective("Keep going [demo:quiet]");
        waitUntil(() -> sessions(o).get(0).status() == SessionStatus.RUNNING);
        bosun.database().write(tx -> {
            tx.questions().ask(o.id(), null, QuestionKind.ESCALATION, 1, "The manager keeps ending. Continue?", "",
                    Actor.SUPERVISOR);
            tx.objectives().transition(o.id(), ObjectiveStatus.WAITING_USER, "escalated", Actor.SUPERVISOR);
            return null;
        });
        bosun.operations().cancelSession(sessions(o).get(0).id(), "gone").get(10, TimeUnit.SECONDS);
        var question = select(robot, 5, "questionsTable", Row.QuestionRow.class, r -> r.objectiveId().equals(o.id()));
        robot.interact(() -> robot.lookup("#moreRespawns").queryAs(javafx.scene.control.Spinner.class)
                .getValueFactory().setValue(1));

        robot.clickOn("#allowRespawns");

        waitUntil(() -> sessions(o).stream().filter(s -> s.role() == SessionRole.MANAGER).count() == 2
                && sessions(o).get(1).status() == SessionStatus.RUNNING);
        waitUntil(() -> !enabled(robot, "allowRespawns"));
        assertThat(bosun.database().read(tx -> tx.questions().byId(question.id())).orElseThrow().status().wire())
                .isEqualTo("answered");
        assertThat(bosun.database().read(tx -> tx.objectives().byId(o.id())).orElseThrow().status())
                .isEqualTo(ObjectiveStatus.ACTIVE);
        java.time.Instant approvedAt = bosun.operations().status().lastSchedulerPass();
        waitUntil(() -> bosun.operations().status().lastSchedulerPass().isAfter(approvedAt.plusSeconds(3)));
        // passes of the scheduler and the supervisor later: still exactly one more manager
        assertThat(sessions(o).stream().filter(s -> s.role() == SessionRole.MANAGER).count()).isEqualTo(2);
    }

    @Test
    void cancellingFromAnEscalationCancelsTheObjective(FxRobot robot) throws Exception {
        Objective o = objective("Stuck [demo:quiet]");
        bosun.database().write(tx -> {
            tx.questions().ask(o.id(), null, QuestionKind.ESCALATION, 1, "The manager keeps ending. Continue?",
                    "Managers so far:\n1. ses_x (demo): failed\n   ended: out of memory", Actor.SUPERVISOR);
            tx.objectives().transition(o.id(), ObjectiveStatus.WAITING_USER, "escalated", Actor.SUPERVISOR);
            return null;
        });
        select(robot, 0, "objectivesTable", Row.ObjectiveRow.class, r -> r.id().equals(o.id())
                && r.manager().wire().equals("escalated")); // the objective shows it needs the operator
        select(robot, 5, "questionsTable", Row.QuestionRow.class, r -> r.objectiveId().equals(o.id()));
        // the escalation explains itself under the question
        waitUntil(() -> robot.lookup("#questionContext").queryAs(TextArea.class).isVisible());
        assertThat(robot.lookup("#questionContext").queryAs(TextArea.class).getText())
                .contains("Managers so far:", "ended: out of memory");
        assertThat(enabled(robot, "allowRespawns")).isTrue();
        assertThat(enabled(robot, "cancelFromEscalation")).isTrue();

        robot.clickOn("#cancelFromEscalation");

        waitUntil(() -> bosun.database().read(tx -> tx.objectives().byId(o.id())).orElseThrow().status()
                == ObjectiveStatus.CANCELED);
        waitUntil(() -> !enabled(robot, "cancelFromEscalation"));
    }
}
