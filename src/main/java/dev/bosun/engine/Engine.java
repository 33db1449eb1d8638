package dev.bosun.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running system's threads: one {@code bosun-engine} thread that makes every decision (so decisions never race),
 * a bounded {@code bosun-io-N} pool for blocking work (git, ssh, agent starts, forge calls), and one {@code bosun-gc}
 * thread. All are daemons; a failure in a task completes its future exceptionally and is logged.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor engineThread;
    private final ExecutorService io;
    private final ExecutorService gc;
    /** The one engine thread, once it exists (a single-thread executor never replaces a thread that runs tasks). */
    private volatile Thread engineThreadItself;

    public Engine(Clock clock, int ioThreads) {
        this.clock = clock;
        NamedThreads engineThreads = NamedThreads.single("bosun-engine");
        this.engineThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = engineThreads.newThread(r);
            engineThreadItself = t;
            return t;
        });
        this.io = new ThreadPoolExecutor(ioThreads, ioThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                NamedThreads.numbered("bosun-io"));
        ((ThreadPoolExecutor) io).allowCoreThreadTimeOut(true);
        this.gc = Executors.newSingleThreadExecutor(NamedThreads.single("bosun-gc"));
    }

    public Clock clock() {
        return clock;
    }

    /** Runs a decision on the engine thread. */
    public <T> CompletableFuture<T> onEngine(Callable<T> work) {
        return submit(engineThread, "engine", () -> {
            long t0 = System.nanoTime();
            try {
                return work.call();
            } finally {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms >= SLOW_MS) { // every caller waits behind it: say which task held the engine thread
                    log.warn("An engine task took {} ms: {}", ms, work.getClass().getName());
                }
            }
        });
    }

    /** An engine task this long is logged: operator calls and agents' tool calls wait behind it. */
    private static final long SLOW_MS = 250;

    /** Runs {@code task} on the engine thread every {@code period}; a failing run is logged and the next one runs. */
    public void every(Duration period, Runnable task) {
        engineThread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A periodic engine task failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the engine thread once, {@code delay} from now (real time); a failure is logged. */
    public void after(Duration delay, Runnable task) {
        if (engineThread.isShutdown()) {
            return;
        }
        engineThread.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A delayed engine task failed", e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs blocking work on the io pool. */
    public <T> CompletableFuture<T> onIo(Callable<T> work) {
        return submit(io, "io", work);
    }

    /** Runs a GC pass on the gc thread. */
    public <T> CompletableFuture<T> onGc(Callable<T> work) {
        return submit(gc, "gc", work);
    }

    /** Tasks waiting for the engine thread (a benchmark's gauge of how far behind it is). */
    public int queued() {
        return engineThread.getQueue().size();
    }

    /** True once {@link #close} began: no task is taken any more. */
    public boolean isShutDown() {
        return engineThread.isShutdown();
    }

    public boolean isEngineThread() {
        return Thread.currentThread() == engineThreadItself;
    }

    /**
     * The thread contract of every engine-thread method, checked (a field read and a compare): decisions and writes
     * happen on the one engine thread, so they never race. A caller on another thread is a bug, reported at once.
     */
    public void assertEngineThread() {
        if (!isEngineThread()) {
            throw new IllegalStateException("engine-thread method called on " + Thread.currentThread().getName()
                    + "; go through Engine.onEngine");
        }
    }

    private static <T> CompletableFuture<T> submit(ExecutorService executor, String what, Callable<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (executor.isShutdown()) {
            // an agent's output or a late callback after close: nothing is lost that recovery will not redo
            future.completeExceptionally(new OperationRefused("Bosun is shutting down."));
            return future;
        }
        executor.execute(() -> {
            try {
                future.complete(work.call());
            } catch (Throwable e) {
                if (!(e instanceof OperationRefused)) {
                    log.error("A task on the {} thread failed", what, e);
                }
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /** Stops taking work, lets running tasks finish for a few seconds, then interrupts what is left. */
    @Override
    public void close() {
        for (ExecutorService executor : List.of(gc, io, engineThread)) {
            executor.shutdown();
        }
        for (ExecutorService executor : List.of(gc, io, engineThread)) {
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("Tasks still running at shutdown were interrupted: {}", executor.shutdownNow().size());
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
