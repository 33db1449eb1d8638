package dev.bosun.app;

import dev.bosun.store.StoreException;
import dev.bosun.ui.BosunApp;
import dev.bosun.ui.UiContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program's entry point. A plain class, not an {@code Application}: with JavaFX on the class path, a main class
 * that extends {@code Application} fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    /** Exit codes: 0 clean stop, 1 could not start, 2 another Bosun holds the data folder, 64 bad usage. */
    static final int EXIT_FAILED = 1;
    static final int EXIT_LOCKED = 2;
    static final int EXIT_USAGE = 64;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        CommandLine options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bosun: " + e.getMessage() + "\n\n" + CommandLine.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        DataDirectory dirs = DataDirectory.resolve(options.dataDir(), System.getenv(),
                System.getProperty("os.name"), System.getProperty("user.home"));
        LoggingSetup.init(dirs.logs());
        Logger log = LoggerFactory.getLogger(Launcher.class);

        Bosun bosun;
        try {
            bosun = Bosun.start(dirs, Clock.systemUTC());
        } catch (InstanceLock.AlreadyRunning e) {
            fail(options, e.getMessage(), EXIT_LOCKED);
            return;
        } catch (StoreException | java.io.IOException e) {
            log.error("Bosun could not start", e);
            fail(options, "Bosun could not start: " + e.getMessage(), EXIT_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(bosun::close, "bosun-shutdown"));
        if (options.headless()) {
            System.exit(Headless.run(bosun));
        }
        BosunApp.launch(new UiContext(bosun.operations(), bosun.feed(), bosun.queries(),
                bosun.dataDirectory().root().toString(), bosun::close));
    }

    private static void fail(CommandLine options, String message, int code) {
        System.err.println("bosun: " + message);
        if (!options.headless()) {
            BosunApp.launchFailure(message);
        }
        System.exit(code);
    }
}
