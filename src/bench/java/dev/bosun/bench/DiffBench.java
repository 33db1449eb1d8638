package dev.bosun.bench;

import dev.bosun.ui.BosunApp;
import dev.bosun.ui.prs.DiffRows;
import dev.bosun.ui.prs.DiffView;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opening a 5,000-line diff in the review pane's view, as the pane does it: the rows and the styled documents built off
 * the FX thread, then shown. Reports the time from asking to the first frame after it is shown, and the longest gap
 * between frames meanwhile (the window must not freeze), for a new 5,000-line file (unified) and a 5,000-line file
 * with 500 changed lines shown whole, side by side.
 */
public final class DiffBench {
    static final int LINES = 5_000;
    static final int RUNS = 7;
    static final int WARMUP = 3;

    public static void main(String[] args) throws Exception {
        FxMeasure.startToolkit();
        DiffView view = new DiffView();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            Stage stage = new Stage();
            Scene scene = new Scene(new javafx.scene.layout.BorderPane(view.node()), 1200, 760);
            BosunApp.styled(scene);
            stage.setScene(scene);
            stage.show();
            shown.countDown();
        });
        shown.await();
        String before = javaFile(LINES, new Random(1), 0);
        String after = javaFile(LINES, new Random(1), 10); // every 10th line changed
        measure(view, "new file, unified", "", before, true, false);
        measure(view, "500 of 5,000 lines changed, whole file, side by side", before, after, false, true);
    }

    private static void measure(DiffView view, String what, String before, String after, boolean fold, boolean split)
            throws Exception {
        List<Double> opens = new ArrayList<>();
        List<Double> builds = new ArrayList<>();
        List<Double> shows = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        double cold = 0;
        for (int run = -WARMUP; run < RUNS; run++) {
            FxMeasure frames = new FxMeasure();
            frames.start();
            long start = System.nanoTime();
            AtomicLong done = new AtomicLong();
            AtomicLong built = new AtomicLong();
            AtomicLong showing = new AtomicLong();
            CompletableFuture.supplyAsync(() -> DiffView.render(DiffRows.of(before, after, fold), "src/Big.java",
                    split)).thenAccept(r -> {
                        built.set(System.nanoTime());
                        Platform.runLater(() -> {
                            long t = System.nanoTime();
                            view.show(r);
                            showing.set(System.nanoTime() - t);
                            done.set(System.nanoTime());
                        });
                    });
            FxMeasure.awaitFx(() -> done.get() != 0);
            FxMeasure.awaitFx(() -> true); // one more turn of the FX thread: the frame after the show was painted
            long end = System.nanoTime();
            frames.stop();
            if (run == -WARMUP) {
                cold = (end - start) / 1e6;
            }
            if (run < 0) {
                continue;
            }
            opens.add((end - start) / 1e6);
            builds.add((built.get() - start) / 1e6);
            shows.add(showing.get() / 1e6);
            gaps.add(frames.longestGapAfter(start) / 1e6);
        }
        opens.sort(null);
        gaps.sort(null);
        builds.sort(null);
        shows.sort(null);
        System.out.printf("diff: %s (%,d lines): open median %.0f ms (min %.0f, max %.0f); longest gap between frames "
                + "median %.0f ms (max %.0f) over %d runs; of which built off the FX thread %.0f ms, shown on it %.0f ms "
                + "(medians); the first open of the %s %.0f ms%n", what, LINES, opens.get(RUNS / 2), opens.get(0), opens.get(RUNS - 1),
                gaps.get(RUNS / 2), gaps.get(RUNS - 1), RUNS, builds.get(RUNS / 2), shows.get(RUNS / 2),
                "kind (classes loading, code not yet compiled)", cold);
    }

    /** A Java-like file of {@code lines} lines; with {@code every} > 0, every such line is changed. */
    private static String javaFile(int lines, Random random, int every) {
        StringBuilder sb = new StringBuilder("package bench;\n\npublic final class Big {\n");
        for (int i = 3; i < lines - 1; i++) {
            int v = random.nextInt(1000);
            boolean changed = every > 0 && i % every == 0;
            sb.append(i % 7 == 0 ? "    // step " + i + (changed ? " (revised)" : "") + "\n"
                    : "    private static final int VALUE_" + i + " = " + (changed ? v + 1 : v) + "; // \"" + i
                            + "\"\n");
        }
        return sb.append("}\n").toString();
    }
}
