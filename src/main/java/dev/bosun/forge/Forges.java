package dev.bosun.forge;

import dev.bosun.domain.PullRequest;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which forge serves a repository: GitHub for a github.com repository when Bosun has a token for it, else the local
 * forge. A PR stays with the forge that opened it.
 */
public final class Forges {
    private final LocalForge local;
    private final URI githubApi;
    private final Supplier<Optional<String>> githubToken;
    private GitHubClient client; // one HTTP client per token, kept while the token stays the same

    /** @param githubToken looked up when a GitHub repository first needs it (it may run {@code gh auth token}) */
    public Forges(LocalForge local, URI githubApi, Supplier<Optional<String>> githubToken) {
        this.local = local;
        this.githubApi = githubApi;
        this.githubToken = githubToken;
    }

    /** Only the local forge (tests, and setups without GitHub). */
    public static Forges localOnly(LocalForge local) {
        return new Forges(local, URI.create("https://api.github.com"), Optional::empty);
    }

    /** Blocking (it may look the token up): the forge a new PR in {@code repository} is opened on. */
    public Forge forRepository(String repository) {
        if (GitHubClient.repoOf(repository).isPresent()) {
            Optional<String> token = githubToken.get();
            if (token.isPresent()) {
                return new GitHubForge(client(token.get()));
            }
        }
        return local;
    }

    /** Blocking: the forge that serves {@code pr}. */
    public Forge of(PullRequest pr) throws ForgeException {
        if (!"github".equals(pr.forge())) {
            return local;
        }
        String token = githubToken.get().orElseThrow(() -> new ForgeException("PR #" + pr.number() + " is on "
                + "GitHub, and Bosun has no GitHub token now. Set GITHUB_TOKEN, run gh auth login, or put "
                + "github.token in settings.properties."));
        return new GitHubForge(client(token));
    }

    private synchronized GitHubClient client(String token) {
        if (client == null || !client.usesToken(token)) {
            client = new GitHubClient(githubApi, token);
        }
        return client;
    }
}
