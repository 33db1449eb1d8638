package dev.bosun.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Bosun keeps its database, logs and checkouts. {@code --data-dir} wins, then {@code BOSUN_HOME}, then the
 * per-user data folder of the operating system: {@code $XDG_DATA_HOME/bosun} (default {@code ~/.local/share/bosun})
 * on Linux, {@code ~/Library/Application Support/Bosun} on macOS, {@code %APPDATA%\Bosun} on Windows.
 */
public record DataDirectory(Path root) {

    public static DataDirectory resolve(String dataDirFlag, Map<String, String> env, String osName, String userHome) {
        if (dataDirFlag != null && !dataDirFlag.isBlank()) {
            return new DataDirectory(Path.of(dataDirFlag).toAbsolutePath().normalize());
        }
        String bosunHome = env.get("BOSUN_HOME");
        if (bosunHome != null && !bosunHome.isBlank()) {
            return new DataDirectory(Path.of(bosunHome).toAbsolutePath().normalize());
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData/Roaming");
            return new DataDirectory(base.resolve("Bosun"));
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return new DataDirectory(home.resolve("Library/Application Support/Bosun"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return new DataDirectory(base.resolve("bosun"));
    }

    /**
     * Creates the folder if needed, readable by this user alone, and checks that Bosun can write in it, so a
     * read-only or foreign folder is reported as such (and what to do), not as a failure deep inside the database or
     * the logs.
     */
    public void ensureWritable() throws java.io.IOException {
        String fix = " Choose another folder with --data-dir or BOSUN_HOME, or fix the folder's permissions.";
        try {
            dev.bosun.store.OwnerOnly.folder(root); // prompts, transcripts and the operator's token: no one else's
            dev.bosun.store.OwnerOnly.folder(logs());
            try (var logFiles = java.nio.file.Files.list(logs())) { // written before this check, or by an older Bosun
                for (java.nio.file.Path f : logFiles.filter(java.nio.file.Files::isRegularFile).toList()) {
                    dev.bosun.store.OwnerOnly.file(f);
                }
            }
            java.nio.file.Path probe = java.nio.file.Files.createTempFile(root, ".write-check", ".tmp");
            java.nio.file.Files.delete(probe);
        } catch (java.nio.file.FileSystemException e) {
            String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            throw new java.io.IOException("The data folder " + root + " is not writable (" + why + ")." + fix, e);
        }
    }

    public Path database() {
        return root.resolve("bosun.db");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The operator's settings ({@link Settings}); optional. */
    public Path settings() {
        return root.resolve("settings.properties");
    }

    public Path lockFile() {
        return root.resolve("bosun.lock");
    }

    /**
     * The operator's MCP endpoint and token, readable only by this user, in a folder of its own: not the one that
     * holds the work root, so no relative path from a checkout names it.
     */
    public Path operatorToken() {
        return root.resolve("operator").resolve("mcp-operator.txt");
    }

    /** The local target's work root: one checkout per session below it. */
    public Path workRoot() {
        return root.resolve("work");
    }
}
