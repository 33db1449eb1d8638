package dev.bosun.ui;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the main window, or a dialog explaining why Bosun could not start. */
public final class BosunApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(BosunApp.class);
    private static volatile CompletableFuture<UiContext> starting;
    private static volatile UiContext context;

    private MainWindow window;

    /**
     * Shows the console once {@code startingUp} completes, and returns when the window is closed. The JavaFX toolkit
     * starts while the engine and database are still opening, which shortens the time to the first window. If the
     * start fails, a dialog says why: for a double-clicked Bosun, a message on stderr is never seen.
     */
    public static void launch(CompletableFuture<UiContext> startingUp) {
        starting = Objects.requireNonNull(startingUp);
        Application.launch(BosunApp.class);
    }

    @Override
    public void start(Stage stage) {
        starting.whenComplete((ctx, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                Alert alert = new Alert(Alert.AlertType.ERROR, cause.getMessage(), ButtonType.OK);
                alert.setHeaderText("Bosun could not start");
                alert.showAndWait();
                Platform.exit();
            } else {
                context = ctx;
                open(stage);
            }
        }));
    }

    private void open(Stage stage) {
        window = new MainWindow(context);
        window.openLinksWith(getHostServices()::showDocument);
        stage.setScene(styled(new Scene(window.root(), window.state().width(), window.state().height())));
        stage.setMaximized(window.state().maximized());
        stage.setTitle("Bosun");
        var icon = BosunApp.class.getResource("/dev/bosun/ui/bosun-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setOnShown(e -> {
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            Runtime rt = Runtime.getRuntime();
            log.info("First window shown {} ms after JVM start; heap used {} MiB", sinceJvmStart,
                    (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        });
        stage.show();
    }

    /** Applies Bosun's stylesheet to a scene. */
    public static Scene styled(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(
                BosunApp.class.getResource("/dev/bosun/ui/bosun.css")).toExternalForm());
        return scene;
    }

    @Override
    public void stop() throws Exception {
        if (window != null) {
            window.close();
        }
        if (context != null) {
            context.shutdown().run();
        }
    }
}
