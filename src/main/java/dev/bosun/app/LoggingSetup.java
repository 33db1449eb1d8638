package dev.bosun.app;

import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points Logback's rolling file at the data folder and routes java.util.logging (and with it JavaFX's platform
 * logger) into SLF4J. Must run before the first logger is created.
 */
final class LoggingSetup {
    private LoggingSetup() {}

    static void init(Path logDir) {
        System.setProperty("bosun.logDir", logDir.toString());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
