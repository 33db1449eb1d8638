package dev.bosun.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs Bosun with no window until SIGTERM or SIGINT, then closes everything and exits 0; or, as a self-check, only
 * until the engine has made its first pass.
 */
final class Headless {
    private static final Logger log = LoggerFactory.getLogger(Headless.class);

    private Headless() {}

    static int run(Bosun bosun) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (instead of the JVM's default exit 143) lets a service manager see a
        // clean stop: exit 0 after the database is checkpointed and the lock released.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                log.info("SIG{} received, stopping", s.getName());
                stop.countDown();
            });
        }
        String line = "Bosun running headless. Data folder: " + bosun.dataDirectory().root()
                + "; database: " + bosun.dataDirectory().database() + "; logs: " + bosun.dataDirectory().logs()
                + "; MCP server: " + bosun.mcpUrl() + " (operator token in " + bosun.dataDirectory().operatorToken()
                + ")";
        log.info(line);
        System.out.println(line);
        System.out.flush();
        stop.await();
        bosun.close();
        return 0;
    }

    /**
     * Starts, waits for the scheduler's first pass, prints the version and the engine's state, and stops cleanly: what
     * an installer's smoke test (and an operator wondering whether an install works) runs. 0 if all is well.
     */
    static int selfCheck(Bosun bosun) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        var ops = bosun.operations();
        while (ops.status().lastSchedulerPass() == null && System.nanoTime() < deadline) {
            Thread.sleep(20); // a process's own start-up, polled: nothing to be notified by
        }
        var status = ops.status();
        boolean ok = status.lastSchedulerPass() != null;
        System.out.println("Bosun " + Version.current());
        System.out.println("data folder: " + bosun.dataDirectory().root());
        System.out.println("database: " + bosun.dataDirectory().database());
        System.out.println("engine: " + (ok ? "running (first scheduler pass at " + status.lastSchedulerPass() + ")"
                : "NOT running: no scheduler pass within 30 s; see the log in " + bosun.dataDirectory().logs()));
        System.out.println("default agent: " + ops.defaultAgent().label());
        System.out.println("MCP server: " + bosun.mcpUrl());
        bosun.close();
        System.out.println("self-check " + (ok ? "passed" : "FAILED") + "; stopped cleanly");
        System.out.flush();
        return ok ? 0 : 1;
    }
}
