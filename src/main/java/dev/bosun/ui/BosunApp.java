package dev.bosun.ui;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
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
    private static volatile boolean windowFailed;

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
                explain("Bosun could not start", (error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error).getMessage());
                Platform.exit();
            } else {
                context = ctx;
                window = openOrExplain(stage, ctx, getHostServices()::showDocument);
                if (window == null) {
                    windowFailed = true;
                    Platform.exit();
                }
            }
        }));
    }

    /** True once the window could not be built: the launcher then exits with its "no window" code. */
    public static boolean windowFailed() {
        return windowFailed;
    }

    /**
     * Builds the console and shows it on {@code stage}; if that throws (JavaFX failed under it), says why in a dialog
     * and returns null, so that Bosun stops: it must not run on unseen, holding its data folder, with no window.
     */
    static MainWindow openOrExplain(Stage stage, UiContext ctx, Consumer<String> browser) {
        MainWindow built = null;
        try {
            built = new MainWindow(ctx);
            built.openLinksWith(browser);
            stage.setScene(styled(new Scene(built.root(), built.state().width(), built.state().height())));
            stage.setMaximized(built.state().maximized());
            stage.setTitle("Bosun");
            var icon = BosunApp.class.getResource("/dev/bosun/ui/bosun-256.png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
            stage.setOnShown(e -> {
                long sinceJvmStart = System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime();
                Runtime rt = Runtime.getRuntime();
                log.info("First window shown {} ms after JVM start; heap used {} MiB", sinceJvmStart,
                        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
            });
            stage.show();
            return built;
        } catch (RuntimeException | LinkageError e) {
            log.error("The window could not be opened", e);
            if (built != null) {
                built.close();
            }
            explain("Bosun could not open its window", e + "\n\nBosun stops now. Start it again; if this happens "
                    + "again, the log in Bosun's logs folder has the details for a report.");
            return null;
        }
    }

    private static void explain(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText(header);
        alert.showAndWait();
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
