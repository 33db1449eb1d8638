package dev.bosun.bench;

import dev.bosun.domain.ManagerState;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.SessionStatus;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.ui.FxFeed;
import dev.bosun.ui.RowList;
import dev.bosun.ui.objectives.ObjectivesView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The FX bridge under a burst: a table of 10,000 objective rows on a shown stage, then 10,000 row changes posted one
 * by one from a background thread as fast as it can. Reports the number of FX drains, the longest drain, and the
 * longest gap between two rendered frames (the longest time the FX thread could not paint).
 */
public final class FxFeedBench {
    static final int ROWS = 10_000;
    static final int CHANGES = 10_000;

    public static void main(String[] args) throws Exception {
        FxMeasure.startToolkit();
        for (int round = 1; round <= 5; round++) {
            run(round);
        }
    }

    static void run(int round) throws Exception {
        // Times every drain the feed queues on the FX thread, counting only those of the burst.
        long[] drainStats = new long[2]; // count, longest nanos
        boolean[] measuring = new boolean[1];
        FxFeed feed = new FxFeed(task -> Platform.runLater(() -> {
            long t = System.nanoTime();
            task.run();
            if (measuring[0]) {
                drainStats[0]++;
                drainStats[1] = Math.max(drainStats[1], System.nanoTime() - t);
            }
        }));
        RowList<ObjectiveRow> rows = feed.table(ObjectiveRow.class, new RowList<>());
        CountDownLatch shown = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new javafx.scene.layout.BorderPane(new ObjectivesView(rows, 4).node()), 1200, 800));
            stage[0].show();
            shown.countDown();
        });
        shown.await();
        Instant t0 = Instant.parse("2026-11-25T12:00:00Z");
        List<ObjectiveRow> initial = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            initial.add(row(i, ObjectiveStatus.ACTIVE, 0, t0));
        }
        feed.post(initial);
        FxMeasure.awaitFx(() -> rows.size() == ROWS);

        FxMeasure frames = new FxMeasure();
        frames.start();

        measuring[0] = true;
        long start = System.nanoTime();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < CHANGES; i++) {
                feed.post(List.of(row(i % ROWS, i % 2 == 0 ? ObjectiveStatus.WAITING_USER : ObjectiveStatus.ACTIVE, i, t0.plusMillis(i))));
            }
        }, "bench-producer");
        producer.start();
        producer.join();
        long posted = System.nanoTime();
        FxMeasure.awaitFx(() -> rows.byKey(id(CHANGES - 1)).liveWorkers() == CHANGES - 1);
        long applied = System.nanoTime();
        frames.stop();
        long longestGap = frames.longestGapAfter(start);
        long idleMedian = frames.medianGapBefore(start);
        System.out.printf("fxfeed round %d: %,d changes into a table of %,d rows: posted in %.1f ms, all shown after"
                        + " %.1f ms; FX drains %d; longest drain %.1f ms; longest gap between frames %.1f ms (idle: %.1f ms)%n",
                round, CHANGES, ROWS, (posted - start) / 1e6, (applied - start) / 1e6, drainStats[0],
                drainStats[1] / 1e6, longestGap / 1e6, idleMedian / 1e6);
        Platform.runLater(stage[0]::close);
    }

    static String id(int i) {
        return String.format("obj_%06d", i);
    }

    static ObjectiveRow row(int i, ObjectiveStatus status, int workers, Instant at) {
        return new ObjectiveRow(id(i), "Objective number " + i, status, "/repo/" + (i % 7), "Claude Code",
                new ManagerState(SessionStatus.RUNNING, false), at, workers, workers + 1, 0, 0, 0, 1, 0, 1000L * i, 0.01 * i, at, at);
    }
}
