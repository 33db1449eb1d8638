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

    /** {@code gh auth token}: nothing if gh is not installed, not logged in, or does not answer within 10 s. */
    private Optional<String> fromGh() {
        java.nio.file.Path out = null;
        Process p = null;
        try {
            out = java.nio.file.Files.createTempFile("bosun-gh", ".txt");
            p = new ProcessBuilder(ghCommand).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close(); // a gh that would prompt gets end-of-input, not a hang
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String token = java.nio.file.Files.readString(out).strip();
            return token.isEmpty() || token.contains(" ") ? Optional.empty() : Optional.of(token);
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
