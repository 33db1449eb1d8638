package dev.bosun.ui;

import dev.bosun.engine.ChangeFeed;
import dev.bosun.engine.Operations;
import dev.bosun.engine.TableQueries;

/** What the console needs from the running system; built by the composition root. */
public record UiContext(Operations operations, ChangeFeed feed, TableQueries queries, String dataFolder,
        String mcpUrl, Runnable shutdown, SettingsFile settings, boolean desktopDark) {
    public UiContext(Operations operations, ChangeFeed feed, TableQueries queries, String dataFolder, String mcpUrl,
            Runnable shutdown) {
        this(operations, feed, queries, dataFolder, mcpUrl, shutdown, SettingsFile.NONE, false);
    }

    public UiContext(Operations operations, ChangeFeed feed, TableQueries queries, String dataFolder, String mcpUrl,
            Runnable shutdown, SettingsFile settings) {
        this(operations, feed, queries, dataFolder, mcpUrl, shutdown, settings, false);
    }
}
