package dev.bosun.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Runs Bosun with no window until SIGTERM or SIGINT, then closes everything and exits 0. */
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
}
