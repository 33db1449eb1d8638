package dev.bosun.ui;

import dev.bosun.store.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bridge from the change feed (any thread) to the tables (FX thread). Producers only put rows into a pending map
 * where the latest row per key wins; at most one drain is queued on the FX thread at a time, and each drain applies
 * everything pending to each table as one bulk change. A burst of 10,000 changes costs a handful of drains, not
 * 10,000 {@code Platform.runLater} calls. Drains are at least {@link #REFRESH} apart: each row shown that changed is
 * laid out and painted again, so at 1,000 changes a second unthrottled drains (50 a second) left the FX thread too
 * little time to paint (gaps of 100 ms and more between frames).
 */
public final class FxFeed {
    private record PendingKey(Class<?> type, String key) {}

    private record Pending(Row row, boolean baseline) {}

    /** The least time between two drains: 10 refreshes a second at most, which the eye takes as live. */
    public static final Duration REFRESH = Duration.ofMillis(100);
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bosun-fx-feed");
        t.setDaemon(true);
        return t;
    });

    private final Executor fxThread;
    private final long gapNanos;
    private volatile long lastDrain = System.nanoTime() - Long.MAX_VALUE / 2;
    private final Map<Class<?>, RowList<?>> tables = new HashMap<>();
    private final Object lock = new Object();
    private Map<PendingKey, Pending> pending = new LinkedHashMap<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    /** @param fxThread runs a task on the FX thread ({@code Platform::runLater}); drains as soon as rows come */
    public FxFeed(Executor fxThread) {
        this(fxThread, Duration.ZERO);
    }

    /** As above, with drains at least {@code gap} apart. */
    public FxFeed(Executor fxThread, Duration gap) {
        this.fxThread = fxThread;
        this.gapNanos = gap.toNanos();
    }

    /** Registers the list that shows rows of {@code type}. Call before rows arrive. */
    public <R extends Row> RowList<R> table(Class<R> type, RowList<R> list) {
        tables.put(type, list);
        return list;
    }

    @SuppressWarnings("unchecked")
    public <R extends Row> RowList<R> list(Class<R> type) {
        return (RowList<R>) tables.get(type);
    }

    /** Rows from the change feed: they replace whatever is shown for their key. Any thread. */
    public void post(List<? extends Row> rows) {
        enqueue(rows, false);
    }

    /**
     * Rows of a first load, read after subscribing to the feed: they fill in keys the feed has not delivered yet but
     * never overwrite a row that came from the feed, which may be newer.
     */
    public void postBaseline(List<? extends Row> rows) {
        enqueue(rows, true);
    }

    private void enqueue(List<? extends Row> rows, boolean baseline) {
        synchronized (lock) {
            for (Row row : rows) {
                PendingKey k = new PendingKey(row.getClass(), row.key());
                if (baseline) {
                    pending.putIfAbsent(k, new Pending(row, true));
                } else {
                    pending.put(k, new Pending(row, false));
                }
            }
        }
        if (drainQueued.compareAndSet(false, true)) {
            long wait = lastDrain + gapNanos - System.nanoTime();
            if (wait <= 0) {
                fxThread.execute(this::drain);
            } else {
                LATER.schedule(() -> fxThread.execute(this::drain), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void drain() {
        lastDrain = System.nanoTime();
        drainQueued.set(false);
        Map<PendingKey, Pending> batch;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashMap<>();
        }
        Map<Class<?>, List<Row>> updates = new LinkedHashMap<>();
        Map<Class<?>, List<Row>> baselines = new LinkedHashMap<>();
        for (Pending p : batch.values()) {
            (p.baseline() ? baselines : updates).computeIfAbsent(p.row().getClass(), c -> new ArrayList<>())
                    .add(p.row());
        }
        updates.forEach((type, rows) -> apply(type, rows, false));
        baselines.forEach((type, rows) -> apply(type, rows, true));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(Class<?> type, List<Row> rows, boolean baseline) {
        RowList list = tables.get(type);
        if (list == null) {
            return;
        }
        if (baseline) {
            list.addAbsent(rows);
        } else {
            list.upsertAll(rows);
        }
    }
}
