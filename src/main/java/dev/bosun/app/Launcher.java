package dev.bosun.app;

import dev.bosun.store.StoreException;
import dev.bosun.ui.BosunApp;
import dev.bosun.ui.UiContext;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program's entry point. A plain class, not an {@code Application}: with JavaFX on the class path, a main class
 * that extends {@code Application} fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    /**
     * Exit codes: 0 clean stop, 1 could not start, 2 another Bosun holds the data folder, 3 no window could be opened,
     * 64 bad usage.
     */
    static final int EXIT_FAILED = 1;
    static final int EXIT_LOCKED = 2;
    static final int EXIT_NO_WINDOW = 3;
    static final int EXIT_USAGE = 64;

    private Launcher() {}

    /**
     * On Linux, Bosun starts its processes (git, ssh, agents, many a minute) by vfork: the default posix_spawn execs
     * a helper first, and that exec costs as much as a short git command (measured: the engine simulation, nearly all
     * process starts, ran 20 % faster). Set before the first process starts; a user's own choice stays.
     */
    static void spawnByVfork() {
        if (System.getProperty("os.name", "").equals("Linux")
                && System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    public static void main(String[] args) throws Exception {
        spawnByVfork();
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

        if (options.headless()) {
            Bosun bosun;
            try {
                bosun = startBosun(dirs, log);
            } catch (StartFailure f) {
                System.err.println("bosun: " + f.getMessage());
                System.exit(f.exitCode);
                return;
            }
            System.exit(options.selfCheck() ? Headless.selfCheck(bosun) : Headless.run(bosun));
        }
        // asked beside the engine's start (a desktop's answer can take a moment), never on the FX thread
        CompletableFuture<Boolean> desktopDark = CompletableFuture.supplyAsync(DesktopTheme::prefersDark,
                runnable -> new Thread(runnable, "bosun-desktop-theme").start());
        CompletableFuture<UiContext> starting = CompletableFuture.supplyAsync(() -> {
            try {
                Bosun bosun = startBosun(dirs, log);
                return new UiContext(bosun.operations(), bosun.feed(), bosun.queries(),
                        bosun.dataDirectory().root().toString(), bosun.mcpUrl(), bosun::close,
                        new SettingsFileEditor(bosun.dataDirectory().settings()),
                        desktopDark.exceptionally(e -> false).join()); // a theme never stops a start
            } catch (StartFailure f) {
                System.err.println("bosun: " + f.getMessage());
                throw f;
            }
        }, runnable -> new Thread(runnable, "bosun-start").start());
        try {
            BosunApp.launch(starting);
        } catch (RuntimeException | Error e) { // no display, no GTK: JavaFX cannot open a window
            log.error("No window could be opened", e);
            starting.thenAccept(ctx -> ctx.shutdown().run()).exceptionally(x -> null).join();
            NoWindowNotice.show("Bosun could not open its window: " + rootMessage(e) + "\n\n" + NoWindowNotice.HINT);
            System.exit(EXIT_NO_WINDOW);
        }
        int code = starting.handle((ctx, e) -> e == null ? BosunApp.windowFailed() ? EXIT_NO_WINDOW : 0
                : e.getCause() instanceof StartFailure f ? f.exitCode : EXIT_FAILED).join();
        System.exit(code);
    }

    /** Why Bosun did not start, in words for the operator, and the exit code that says it. */
    private static final class StartFailure extends RuntimeException {
        final int exitCode;

        StartFailure(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Bosun startBosun(DataDirectory dirs, Logger log) {
        try {
            dirs.ensureWritable();
            // BOSUN_SSH_KNOWN_HOSTS: a known_hosts file of Bosun's own for its SSH targets (default: the user's)
            String knownHosts = System.getenv().getOrDefault("BOSUN_SSH_KNOWN_HOSTS", "").strip();
            Bosun bosun = Bosun.start(dirs, Clock.systemUTC(), AgentSetup.fromEnvironment(),
                    knownHosts.isEmpty() ? null : java.nio.file.Path.of(knownHosts));
            Runtime.getRuntime().addShutdownHook(new Thread(bosun::close, "bosun-shutdown"));
            return bosun;
        } catch (InstanceLock.AlreadyRunning e) {
            throw new StartFailure(e.getMessage(), EXIT_LOCKED);
        } catch (StoreException | IOException e) {
            log.error("Bosun could not start", e);
            throw new StartFailure("Bosun could not start: " + e.getMessage(), EXIT_FAILED);
        }
    }
}
