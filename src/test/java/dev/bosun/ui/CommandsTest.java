package dev.bosun.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An action's button stays disabled while the operation it started runs: a second click cannot act twice. */
@ExtendWith(ApplicationExtension.class)
class CommandsTest {
    private final CompletableFuture<String> merging = new CompletableFuture<>();
    private final AtomicInteger started = new AtomicInteger();
    private Button merge;

    @Start
    void start(Stage stage) {
        TableView<String> table = new TableView<>(FXCollections.observableArrayList("PR #1"));
        Commands commands = new Commands(null, () -> stage);
        merge = Commands.forSelection("merge", "Merge", "merge it", table, r -> true, r -> commands.run("not merged",
                () -> {
                    started.incrementAndGet();
                    return merging;
                }, v -> { }));
        table.getSelectionModel().select(0);
        stage.setScene(new Scene(new VBox(table, merge), 300, 200));
        stage.show();
    }

    @Test
    void aSecondClickWhileTheFirstMergeRunsDoesNothing(FxRobot robot) throws Exception {
        assertThat(merge.isDisabled()).isFalse();
        robot.clickOn("#merge");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(merge.isDisabled()).as("in flight").isTrue();
        robot.interact(merge::fire);
        assertThat(started).hasValue(1);

        merging.complete("merged");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(merge.isDisabled()).as("done: enabled again").isFalse();
    }
}
