package dev.bosun.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.engine.ChangeFeed;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop app's own part: what happens when the console cannot be built. */
@ExtendWith(ApplicationExtension.class)
class BosunAppTest {
    @TempDir
    Path dir;

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /**
     * Building the window throws (JavaFX did once, under an early start): the operator is told so, and the caller is
     * told to stop, instead of Bosun running on with no window, holding its data folder where nobody sees it.
     */
    @Test
    void aWindowThatCannotBeBuiltIsExplainedAndBosunStops(FxRobot robot) throws Exception {
        // no operations: the console throws while it is built
        UiContext broken = new UiContext(null, new ChangeFeed(), null, dir.toString(), "http://127.0.0.1:1", () -> { });
        CompletableFuture<MainWindow> opened = new CompletableFuture<>();
        Platform.runLater(() -> opened.complete(BosunApp.openOrExplain(stage, broken, url -> { })));

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Bosun could not open its window");
        assertThat(pane.getContentText()).contains("NullPointerException", "Bosun stops now", "Start it again");
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(ButtonType.OK)).fire());
        assertThat(opened.get(15, TimeUnit.SECONDS)).as("the caller stops Bosun").isNull();
        assertThat(stage.isShowing()).isFalse();
    }
}
