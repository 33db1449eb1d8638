package dev.bosun.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.store.Row.ActivityRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The feed's drains: rows that come while a drain waits are applied together, and drains keep their distance. */
class FxFeedTest {
    private static ActivityRow row(long seq, String summary) {
        return new ActivityRow(seq, Instant.EPOCH, "obj", null, "t", summary, Actor.ENGINE);
    }

    @Test
    void rowsThatComeWithinTheRefreshGapMakeOneDrainWithTheLatestOfEach() throws Exception {
        ExecutorService fxThread = Executors.newSingleThreadExecutor(); // stands in for the FX thread
        AtomicInteger drains = new AtomicInteger();
        FxFeed feed = new FxFeed(task -> fxThread.execute(() -> {
            task.run();
            drains.incrementAndGet();
        }), Duration.ofSeconds(1));
        RowList<ActivityRow> rows = feed.table(ActivityRow.class, new RowList<>());
        try {
            feed.post(List.of(row(1, "first")));
            await(() -> drains.get() == 1);
            long firstDrain = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                feed.post(List.of(row(1, "update " + i), row(2 + i % 3, "other " + i)));
            }
            await(() -> drains.get() == 2);
            assertThat(System.nanoTime() - firstDrain).as("a second apart at least")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
            fxThread.submit(() -> { }).get(); // what the FX thread did is seen here
            assertThat(rows).extracting(ActivityRow::summary).containsExactly("update 49", "other 48", "other 49",
                    "other 47");
            assertThat(drains).hasValue(2);
        } finally {
            fxThread.shutdownNow();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(5); // polling a condition, with a deadline
        }
    }
}
