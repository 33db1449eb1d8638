package dev.bosun.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daemon threads with names that say what they are for; an uncaught exception is logged, never lost. */
public final class NamedThreads implements ThreadFactory {
    private static final Logger log = LoggerFactory.getLogger(NamedThreads.class);

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger counter = new AtomicInteger();

    private NamedThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named exactly {@code name} (for single-thread executors). */
    public static NamedThreads single(String name) {
        return new NamedThreads(name, false);
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, … */
    public static NamedThreads numbered(String prefix) {
        return new NamedThreads(prefix, true);
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, numbered ? prefix + "-" + counter.incrementAndGet() : prefix);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> log.error("Uncaught exception on {}", thread.getName(), e));
        return t;
    }
}
