package dev.bosun.forge;

import dev.bosun.domain.ChangedFile;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * Pull requests on GitHub, through its REST API. The failing checks' own text and the review comments become
 * feedback for a follow-up worker, keyed so each is handed over once: a check by its name and the head it ran on (a
 * new push that fails again is new feedback), a comment by its id.
 */
public final class GitHubForge implements Forge {
    private final GitHubClient client;

    public GitHubForge(GitHubClient client) {
        this.client = client;
    }

    @Override
    public String kind() {
        return "github";
    }

    @Override
    public Opened publish(String repository, String branch, String base, String title, String body)
            throws ForgeException, InterruptedException {
        GitHubClient.Repo repo = repo(repository);
        GitHubClient.PullRequestInfo pr;
        try {
            pr = client.create(repo, branch, base, title, body);
        } catch (ForgeException e) {
            // made by an earlier attempt that Bosun could not record (it crashed, or the answer was lost): adopted,
            // where a retry would only be refused again
            if (!e.getMessage().contains("already exists")) {
                throw e;
            }
            pr = client.openFor(repo, branch).orElseThrow(() -> e);
            client.edit(repo, pr.number(), title, body);
        }
        return new Opened(pr.number(), pr.url());
    }

    @Override
    public void update(PullRequest pr, String title, String body) throws ForgeException, InterruptedException {
        client.edit(repo(pr.repository()), pr.number(), title, body);
    }

    @Override
    public PrState refresh(PullRequest pr) throws ForgeException, InterruptedException {
        GitHubClient.Repo repo = repo(pr.repository());
        GitHubClient.PullRequestInfo info = client.get(repo, pr.number());
        GitHubClient.Checks checks = info.headSha().isBlank() ? new GitHubClient.Checks(ChecksState.UNKNOWN,
                List.of()) : client.checks(repo, info.headSha());
        List<PrFeedback> feedback = new ArrayList<>();
        String shortSha = info.headSha().substring(0, Math.min(12, info.headSha().length()));
        for (GitHubClient.Failure f : checks.failures()) {
            feedback.add(new PrFeedback("check@" + info.headSha() + ":" + f.name(), PrFeedback.CHECK,
                    "Check \"" + f.name() + "\" failed on " + shortSha + ":\n" + f.text()));
        }
        for (GitHubClient.Comment c : client.reviewComments(repo, pr.number())) {
            feedback.add(new PrFeedback((c.path() == null ? "review:" : "comment:") + c.id(), PrFeedback.COMMENT,
                    "@" + c.author()
                    + (c.path() == null ? "" : " on " + c.path()) + ": " + c.body()));
        }
        String mergeable = info.mergeable() == null ? "unknown" : info.mergeable() ? "mergeable" : "conflicting";
        return new PrState(info.status(), info.headSha(), mergeable, List.of(), info.commits(), info.diffStat(),
                checks.state(), feedback);
    }

    @Override
    public PullRequestChanges changes(PullRequest pr) throws ForgeException, InterruptedException {
        GitHubClient.Repo repo = repo(pr.repository());
        String head = client.get(repo, pr.number()).headSha();
        String base = client.mergeBase(repo, pr.baseBranch(), head);
        List<ChangedFile> files = new ArrayList<>();
        for (GitHubClient.FileChange f : client.files(repo, pr.number())) {
            files.add(new ChangedFile(f.path(), f.previousPath(), switch (f.status()) {
                case "added" -> ChangedFile.Change.ADDED;
                case "removed" -> ChangedFile.Change.DELETED;
                case "renamed", "copied" -> ChangedFile.Change.RENAMED;
                default -> ChangedFile.Change.MODIFIED;
            }, f.additions(), f.deletions(), !f.patched() && f.additions() + f.deletions() == 0));
        }
        return new PullRequestChanges(base, head, files);
    }

    @Override
    public java.util.Optional<String> file(PullRequest pr, String commit, String path)
            throws ForgeException, InterruptedException {
        return client.file(repo(pr.repository()), path, commit, MAX_FILE_BYTES);
    }

    @Override
    public String merge(PullRequest pr, String message, MergeMethod method) throws ForgeException,
            InterruptedException {
        return client.merge(repo(pr.repository()), pr.number(), pr.headSha(), message, method);
    }

    @Override
    public void comment(PullRequest pr, String body) throws ForgeException, InterruptedException {
        client.comment(repo(pr.repository()), pr.number(), body);
    }

    private GitHubClient.Repo repo(String repository) throws ForgeException {
        return client.repo(repository).orElseThrow(() -> new ForgeException(repository
                + " is not a repository address on this GitHub (https://github.com/owner/name)."));
    }
}
