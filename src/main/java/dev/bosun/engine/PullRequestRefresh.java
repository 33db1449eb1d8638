package dev.bosun.engine;

import dev.bosun.domain.PullRequest;
import dev.bosun.domain.RepositoryLocation;
import dev.bosun.forge.LocalMerger;
import dev.bosun.forge.LocalPrState;
import dev.bosun.forge.PublishFailed;
import dev.bosun.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the open pull requests of local repositories (every minute, and on demand): mergeable or conflicting with
 * the files, commits and diff size; a PR whose head is already in its base was merged outside Bosun, and is marked
 * merged and its manager told, as if merged here. Git runs on an io thread; the results are applied on the engine's.
 */
final class PullRequestRefresh {
    private static final Logger log = LoggerFactory.getLogger(PullRequestRefresh.class);

    private final Engine engine;
    private final Database db;
    private final LocalMerger git;
    private final Operations operations;

    PullRequestRefresh(Engine engine, Database db, LocalMerger git, Operations operations) {
        this.engine = engine;
        this.db = db;
        this.git = git;
        this.operations = operations;
    }

    /** Completes with how many PRs were looked at. */
    CompletableFuture<Integer> refresh() {
        return engine.onIo(() -> {
            List<Map.Entry<PullRequest, LocalPrState>> found = new ArrayList<>();
            for (PullRequest pr : db.read(tx -> tx.pullRequests().open())) {
                if (RepositoryLocation.isUrl(pr.repository())) {
                    continue; // a hosted forge reports its own state (issue 7's GitHub forge)
                }
                try {
                    found.add(Map.entry(pr, git.state(pr.repository(), pr.baseBranch(), pr.branch())));
                } catch (PublishFailed e) {
                    log.warn("Could not refresh PR #{} in {}: {}", pr.number(), pr.repository(), e.getMessage());
                }
            }
            return found;
        }).thenCompose(found -> engine.onEngine(() -> {
            for (Map.Entry<PullRequest, LocalPrState> f : found) {
                apply(f.getKey(), f.getValue());
            }
            return found.size();
        }));
    }

    private void apply(PullRequest pr, LocalPrState s) {
        db.write(tx -> {
            tx.pullRequests().recordState(pr.id(), s.headSha(), s.merged() ? "merged" : s.conflicting()
                    ? "conflicting" : "mergeable", s.merged() ? null : s.commits(), s.diffStat(),
                    String.join(", ", s.conflictFiles()));
            return null;
        });
        if (s.merged()) {
            operations.recordMerged(pr, s.headSha() + ", merged outside Bosun");
        }
    }
}
