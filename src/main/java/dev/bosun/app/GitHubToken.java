package dev.bosun.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where Bosun's GitHub token comes from, first found wins: {@code github.token} in the settings, {@code GITHUB_TOKEN}
 * (or {@code GH_TOKEN}) in the environment, then {@code gh auth token}. The lookup is remembered for ten minutes, so a
 * refresh every minute does not start {@code gh} every minute, while a later {@code gh auth login} is still picked up.
 * The token itself is never logged.
 */
final class GitHubToken implements Supplier<Optional<String>> {
    private static final Duration REMEMBER = Duration.ofMinutes(10);

    private final Optional<String> configured;
    private final Map<String, String> env;
    private final List<String> ghCommand;
    private final Clock clock;
    private Optional<String> found = Optional.empty();
    private Instant lookedUp;

    GitHubToken(Optional<String> configured, Map<String, String> env, List<String> ghCommand, Clock clock) {
        this.configured = configured;
        this.env = env;
        this.ghCommand = ghCommand;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> get() {
        if (configured.isPresent()) {
            return configured;
        }
        for (String name : List.of("GITHUB_TOKEN", "GH_TOKEN")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        if (lookedUp == null || clock.instant().isAfter(lookedUp.plus(REMEMBER))) {
            found = fromGh();
            lookedUp = clock.instant();
        }
        return found;
    }

    /** {@code gh auth token}: nothing if gh is not installed, not logged in, or slow. */
    private Optional<String> fromGh() {
        try {
            Process p = new ProcessBuilder(ghCommand).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && !out.isEmpty() && !out.contains(" ") ? Optional.of(out) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
