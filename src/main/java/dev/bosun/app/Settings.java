package dev.bosun.app;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The operator's settings, {@code <data>/settings.properties}, all optional: {@code github.token},
 * {@code github.api} (for GitHub Enterprise: {@code https://host/api/v3}) and {@code pr.refresh.seconds}. A value
 * that cannot be used, or a key Bosun does not know (a typo would otherwise be ignored silently), stops the start with
 * a message that names it; the file itself is never rewritten.
 */
record Settings(Optional<String> githubToken, URI githubApi, Duration prRefreshEvery) {
    static final Settings DEFAULTS = new Settings(Optional.empty(), URI.create("https://api.github.com"),
            Duration.ofSeconds(60));
    private static final Set<String> KEYS = Set.of("github.token", "github.api", "pr.refresh.seconds");

    static Settings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return DEFAULTS;
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + "). Fix it or move it away.");
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IOException(file + " has the unknown setting \"" + key + "\". Known: " + KEYS.stream()
                        .sorted().toList() + ".");
            }
        }
        String token = p.getProperty("github.token", "").strip();
        String api = p.getProperty("github.api", DEFAULTS.githubApi().toString()).strip();
        URI apiUri;
        try {
            apiUri = URI.create(api.endsWith("/") ? api.substring(0, api.length() - 1) : api);
        } catch (IllegalArgumentException e) {
            apiUri = null;
        }
        if (apiUri == null || !("https".equals(apiUri.getScheme()) || "http".equals(apiUri.getScheme()))) {
            throw new IOException(file + ": github.api must be an http(s) address, like https://api.github.com; it "
                    + "is \"" + api + "\".");
        }
        String refresh = p.getProperty("pr.refresh.seconds", "60").strip();
        long seconds;
        try {
            seconds = Long.parseLong(refresh);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 10 || seconds > 86_400) {
            throw new IOException(file + ": pr.refresh.seconds must be a whole number from 10 to 86400; it is \""
                    + refresh + "\".");
        }
        boolean loopback = "localhost".equals(apiUri.getHost()) || "127.0.0.1".equals(apiUri.getHost());
        if ("http".equals(apiUri.getScheme()) && !loopback) {
            throw new IOException(file + ": github.api must use https (the token goes with every request); it is \""
                    + api + "\".");
        }
        return new Settings(token.isEmpty() ? Optional.empty() : Optional.of(token), apiUri,
                Duration.ofSeconds(seconds));
    }

    /** Never the token itself. */
    @Override
    public String toString() {
        return "Settings[githubToken=" + (githubToken.isPresent() ? "(set)" : "(none)") + ", githubApi=" + githubApi
                + ", prRefreshEvery=" + prRefreshEvery + "]";
    }
}
