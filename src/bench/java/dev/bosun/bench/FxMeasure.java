package dev.bosun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * What the FX benchmarks share: waiting for a condition checked on the FX thread, and recording when frames are
 * rendered, to find the longest time the FX thread could not paint.
 */
final class FxMeasure {
    private final long[] frames = new long[400_000];
    private int count;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (count < frames.length) {
                frames[count++] = System.nanoTime();
            }
        }
    };

    /** Starts recording frames and returns once a few were rendered. */
    void start() throws Exception {
        Platform.runLater(timer::start);
        awaitFx(() -> count > 5);
    }

    /** Stops recording (on the FX thread, after what is queued there). */
    void stop() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(() -> {
            timer.stop();
            stopped.countDown();
        });
        stopped.await();
    }

    /** The longest gap between two frames rendered after {@code since} (nanoTime). */
    long longestGapAfter(long since) {
        long longest = 0;
        for (int i = 1; i < count; i++) {
            if (frames[i] >= since) {
                longest = Math.max(longest, frames[i] - frames[i - 1]);
            }
        }
        return longest;
    }

    /** How many gaps between frames rendered after {@code since} were longer than {@code nanos}. */
    int gapsLongerThan(long since, long nanos) {
        int n = 0;
        for (int i = 1; i < count; i++) {
            if (frames[i] >= since && frames[i] - frames[i - 1] > nanos) {
                n++;
            }
        }
        return n;
    }

    /** The median gap between frames before {@code until}: the idle frame time. */
    long medianGapBefore(long until) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < count && frames[i] < until; i++) {
            gaps.add(frames[i] - frames[i - 1]);
        }
        gaps.sort(null);
        return gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2);
    }

    private static boolean toolkitStarted;

    /** Starts the FX toolkit once per JVM, whichever benchmark comes first. */
    static synchronized void startToolkit() throws InterruptedException {
        if (!toolkitStarted) {
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            toolkitStarted = true;
        }
    }

    /** Waits until {@code condition}, checked on the FX thread, holds. */
    static void awaitFx(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            boolean[] ok = new boolean[1];
            CountDownLatch checked = new CountDownLatch(1);
            Platform.runLater(() -> {
                ok[0] = condition.getAsBoolean();
                checked.countDown();
            });
            checked.await();
            if (ok[0]) {
                return;
            }
            Thread.sleep(5); // polling a condition, with a deadline
        }
        throw new IllegalStateException("not within 120 s");
    }
}
