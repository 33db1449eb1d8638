package dev.bosun.forge;

import dev.bosun.domain.PullRequest;
import dev.bosun.domain.RepositoryLocation;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which forge serves a repository: GitHub for a repository on github.com (or the GitHub Enterprise host of the
 * configured API), else the local forge. A PR stays with the forge that opened it.
 */
public final class Forges {
    private final LocalForge local;
    private final URI githubApi;
    private final String githubHost;
    private final Supplier<Optional<String>> githubToken;
    private GitHubClient client; // one HTTP client per token, kept while the token stays the same

    /**
     * @param githubApi GitHub's REST API ({@code https://api.github.com}, or an Enterprise {@code .../api/v3})
     * @param githubHost where that GitHub's repositories are ({@link GitHubClient#webHost})
     * @param githubToken looked up when a GitHub repository first needs it (it may run {@code gh auth token})
     */
    public Forges(LocalForge local, URI githubApi, String githubHost, Supplier<Optional<String>> githubToken) {
        this.local = local;
        this.githubApi = githubApi;
        this.githubHost = githubHost;
        this.githubToken = githubToken;
    }

    public Forges(LocalForge local, URI githubApi, Supplier<Optional<String>> githubToken) {
        this(local, githubApi, GitHubClient.webHost(githubApi), githubToken);
    }

    /**
     * Blocking (it may look the token up): what a push to {@code repository} authenticates with, where Bosun holds it:
     * the GitHub token for an https address on GitHub's host. Elsewhere (ssh, another host, a path) the operator's
     * own git setup answers, as it would for them.
     */
    public java.util.Optional<GitCredential> pushCredential(String repository) {
        if (!repository.startsWith("https://" + githubHost + "/")) {
            return java.util.Optional.empty();
        }
        return githubToken.get().map(token -> new GitCredential("https", githubHost, "x-access-token", token));
    }

    /** Only the local forge (tests, and setups without GitHub). */
    public static Forges localOnly(LocalForge local) {
        return new Forges(local, URI.create("https://api.github.com"), Optional::empty);
    }

    /**
     * Blocking (it may look the token up): the forge a new PR in {@code repository} is opened on. A GitHub repository
     * without a token is refused rather than served by the local forge, whose merge would push to the base branch
     * directly, past GitHub's reviews and branch protection.
     */
    public Forge forRepository(String repository) throws ForgeException {
        if (GitHubClient.repoOf(repository, githubHost).isEmpty()) {
            return local;
        }
        return new GitHubForge(client(githubToken.get().orElseThrow(() -> new ForgeException(
                RepositoryLocation.withoutCredentials(repository) + " is on GitHub, and Bosun has no GitHub token to "
                + "open pull requests with. Set GITHUB_TOKEN, run gh auth login, or put github.token in "
                + "settings.properties; then publish again (the branch is pushed already)."))));
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
            client = new GitHubClient(githubApi, githubHost, token);
        }
        return client;
    }
}
