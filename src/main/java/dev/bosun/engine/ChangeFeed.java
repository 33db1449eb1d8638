package dev.bosun.engine;

import dev.bosun.store.Row;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the immutable rows each commit touched, in commit order, to every subscriber (the UI bridge, later the
 * operator tools). Subscribers are called on the committing thread and must only hand the rows off.
 */
public final class ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final List<Consumer<List<Row>>> subscribers = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<List<Row>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (Consumer<List<Row>> s : subscribers) {
            try {
                s.accept(rows);
            } catch (RuntimeException e) {
                log.error("A change feed subscriber failed", e);
            }
        }
    }
}
