package dev.bosun.app;

import dev.bosun.domain.SupervisorSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.bosun.exec.AgentEnvironment;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's settings, {@code <data>/settings.properties}, all optional: {@code github.token},
 * {@code github.api} (for GitHub Enterprise: {@code https://host/api/v3}), {@code pr.refresh.seconds}, and the
 * supervisor's {@code supervisor.idle.seconds}, {@code supervisor.cooldown.seconds}, {@code supervisor.max.managers}
 * (managers that really ran, per objective, before the operator is asked) and {@code supervisor.max.pokes} (pokes
 * without progress before the operator is asked); for agents, {@code agents.env} (names of variables, or
 * {@code PREFIX_*}, comma-separated, that agents get of Bosun's environment beyond what they need) and
 * {@code agents.sandbox} ({@code auto}, or {@code off} to run agents unsandboxed everywhere), and how agents sign in:
 * {@code agents.claude.token} (a token from {@code claude setup-token}, or an Anthropic API key) and
 * {@code agents.codex.key} (an OpenAI API key), which every agent gets in its environment, so that none needs the
 * operator's own CLI folder (a subscription login there would be shared read-write). A value
 * that cannot be used, or a key Bosun does not know (a typo would otherwise be ignored silently), stops the start with
 * a message that names it; the file itself is never rewritten.
 */
record Settings(Optional<String> githubToken, URI githubApi, Duration prRefreshEvery, SupervisorSettings supervisor,
        List<String> agentEnv, boolean sandbox, Map<String, String> agentSignIn) {
    static final Settings DEFAULTS = new Settings(Optional.empty(), URI.create("https://api.github.com"),
            Duration.ofSeconds(60), SupervisorSettings.DEFAULTS, List.of(), true, Map.of());
    private static final Set<String> KEYS = Set.of("github.token", "github.api", "pr.refresh.seconds",
            "supervisor.idle.seconds", "supervisor.cooldown.seconds", "supervisor.max.managers",
            "supervisor.max.pokes", "agents.env", "agents.sandbox", "agents.claude.token", "agents.codex.key");

    static final Set<String> KNOWN = KEYS;

    static Settings load(Path file) throws IOException {
        Properties p = read(file);
        return p == null ? DEFAULTS : parse(file, p);
    }

    /** The file's properties; null when there is no file. */
    static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + "). Fix it or move it away.");
        }
        return p;
    }

    /** The settings {@code p} says, checked as a start checks them; {@code file} names them in a message. */
    static Settings parse(Path file, Properties p) throws IOException {
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
        long seconds = whole(file, p, "pr.refresh.seconds", 60, 10, 86_400);
        SupervisorSettings d = SupervisorSettings.DEFAULTS;
        int maxManagers = (int) whole(file, p, "supervisor.max.managers", d.respawnBudget(), 1, d.attemptCeiling());
        SupervisorSettings supervisor = new SupervisorSettings(
                Duration.ofSeconds(whole(file, p, "supervisor.idle.seconds", d.idleAfter().toSeconds(), 10, 86_400)),
                Duration.ofSeconds(whole(file, p, "supervisor.cooldown.seconds", d.cooldown().toSeconds(), 10,
                        86_400)), maxManagers, d.attemptCeiling(),
                (int) whole(file, p, "supervisor.max.pokes", d.maxPokes(), 1, 100));
        boolean loopback = "localhost".equals(apiUri.getHost()) || "127.0.0.1".equals(apiUri.getHost());
        if ("http".equals(apiUri.getScheme()) && !loopback) {
            throw new IOException(file + ": github.api must use https (the token goes with every request); it is \""
                    + api + "\".");
        }
        List<String> agentEnv = List.of(p.getProperty("agents.env", "").split(",")).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        for (String name : agentEnv) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*\\*?")) {
                throw new IOException(file + ": agents.env lists names of environment variables (NAME, or PREFIX_* "
                        + "for a prefix), comma-separated; \"" + name + "\" is not one.");
            }
            if (AgentEnvironment.NEVER.contains(name)) {
                throw new IOException(file + ": agents.env lists " + name + ", a credential of Bosun's that no agent"
                        + " gets. Remove it; give an agent what it needs through its own variables.");
            }
        }
        String sandbox = p.getProperty("agents.sandbox", "auto").strip();
        if (!sandbox.equals("auto") && !sandbox.equals("off")) {
            throw new IOException(file + ": agents.sandbox is auto (a sandbox wherever a target can make one) or off;"
                    + " it is \"" + sandbox + "\".");
        }
        Map<String, String> signIn = new TreeMap<>();
        String claude = secret(file, p, "agents.claude.token");
        if (claude != null) {
            if (claude.startsWith("sk-ant-oat")) {
                signIn.put("CLAUDE_CODE_OAUTH_TOKEN", claude);
            } else if (claude.startsWith("sk-ant-api")) {
                signIn.put("ANTHROPIC_API_KEY", claude);
            } else {
                throw new IOException(file + ": agents.claude.token is a token from `claude setup-token` (sk-ant-oat…)"
                        + " or an Anthropic API key (sk-ant-api…); the value set is neither.");
            }
        }
        String codex = secret(file, p, "agents.codex.key");
        if (codex != null) {
            signIn.put("CODEX_API_KEY", codex);
        }
        return new Settings(token.isEmpty() ? Optional.empty() : Optional.of(token), apiUri,
                Duration.ofSeconds(seconds), supervisor, agentEnv, sandbox.equals("auto"), signIn);
    }

    /** A credential: one word of printable ASCII (it travels as an environment variable, to SSH hosts too). */
    private static String secret(Path file, Properties p, String key) throws IOException {
        String value = p.getProperty(key, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IOException(file + ": " + key + " must be one word of printable ASCII, as the key or token was "
                    + "given to you (no spaces or line breaks); the value set is not. It is not shown here.");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when the key is not set. */
    private static long whole(Path file, Properties p, String key, long fallback, long min, long max)
            throws IOException {
        String text = p.getProperty(key, Long.toString(fallback)).strip();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new IOException(file + ": " + key + " must be a whole number from " + min + " to " + max
                    + "; it is \"" + text + "\".");
        }
        return value;
    }

    /** Never the token itself. */
    @Override
    public String toString() {
        return "Settings[githubToken=" + (githubToken.isPresent() ? "(set)" : "(none)") + ", githubApi=" + githubApi
                + ", prRefreshEvery=" + prRefreshEvery + ", supervisor=" + supervisor + ", agentEnv=" + agentEnv
                + ", sandbox=" + sandbox + ", agentSignIn=" + agentSignIn.keySet() + "]";
    }
}
