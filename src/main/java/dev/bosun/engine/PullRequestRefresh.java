package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.RepositoryLocation;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.forge.PrState;
import dev.bosun.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the open pull requests from their forges (every minute, and on demand): status, head, mergeable or
 * conflicting, commits, diff size, checks. A merge (here or elsewhere) tells the manager; a PR closed unmerged asks
 * it what now, and one reopened tells it too; new failing checks, review comments or a conflict with the base start a follow-up worker. Forges are asked on an io thread; the
 * results are applied on the engine's.
 */
final class PullRequestRefresh {
    private static final Logger log = LoggerFactory.getLogger(PullRequestRefresh.class);

    private final Engine engine;
    private final Database db;
    private final Forges forges;
    private final PullRequestLifecycle lifecycle;
    private final PullRequestFollowUps followUps;

    PullRequestRefresh(Engine engine, Database db, Forges forges, PullRequestLifecycle lifecycle,
            PullRequestFollowUps followUps) {
        this.engine = engine;
        this.db = db;
        this.forges = forges;
        this.lifecycle = lifecycle;
        this.followUps = followUps;
    }

    private record Found(PullRequest pr, PrState state) {}

    private record Pass(List<Found> found, List<String> problems) {}

    private CompletableFuture<RefreshReport> running;
    private volatile Progress progress;

    /** How far the pass under way is in asking the forges (null: none asks now). */
    Progress progress() {
        return progress;
    }

    /** A refresh pass; while one runs, asking again joins it (passes never overlap). */
    synchronized CompletableFuture<RefreshReport> refresh() {
        if (running == null || running.isDone()) {
            running = pass();
        }
        return running;
    }

    /** The periodic pass: a failure is logged (the next pass tries again). */
    void refreshInBackground() {
        refresh().whenComplete((report, error) -> {
            if (error != null) {
                log.warn("The pull request refresh failed", error);
            }
        });
    }

    private CompletableFuture<RefreshReport> pass() {
        return engine.onIo(() -> {
            List<Found> found = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<PullRequest> prs = db.read(tx -> tx.pullRequests().toRefresh());
            for (PullRequest pr : prs) {
                progress = new Progress("pull requests asked", found.size() + problems.size(), prs.size());
                try {
                    found.add(new Found(pr, forges.of(pr).refresh(pr)));
                } catch (ForgeException | RuntimeException e) {
                    log.warn("Could not refresh PR #{} in {}: {}", pr.number(),
                            RepositoryLocation.withoutCredentials(pr.repository()), e.getMessage());
                    problems.add("PR #" + pr.number() + ": " + e.getMessage());
                }
            }
            return new Pass(found, problems);
        }).whenComplete((pass, error) -> progress = null).thenCompose(pass -> engine.onEngine(() -> {
            pass.found().forEach(this::apply);
            return new RefreshReport(pass.found().size(), pass.problems());
        }));
    }

    /**
     * Engine thread: one PR's new state, unless the PR changed while its forge was asked (merged from the console,
     * updated by update_pr): then what was read is already stale, and the next pass reads it again.
     */
    private void apply(Found f) {
        engine.assertEngineThread();
        PullRequest pr = db.read(tx -> tx.pullRequests().byId(f.pr().id())).orElseThrow();
        PrState s = f.state();
        if (!pr.updatedAt().equals(f.pr().updatedAt())) {
            return;
        }
        if (pr.status() == PullRequestStatus.CLOSED) {
            if (s.status().awaitingReview()) {
                lifecycle.reopened(pr);
            }
            return; // the next pass reads the reopened PR in full
        }
        if (!pr.isOpen()) {
            return;
        }
        db.write(tx -> {
            tx.pullRequests().recordState(pr.id(), s.headSha(), s.mergeable(), s.commits(), s.diffStat(),
                    String.join(", ", s.conflictFiles()));
            if (s.checks() != pr.checks()) {
                tx.pullRequests().setChecks(pr.id(), s.checks());
            }
            if (s.status() != pr.status() && s.status().awaitingReview()) { // merged and closed are applied below
                tx.pullRequests().transition(pr.id(), s.status(), "as its forge reports", Actor.OPERATOR);
            }
            if (s.status().awaitingReview()) {
                for (PrFeedback item : s.feedback()) {
                    tx.pullRequests().addFeedback(pr.id(), item);
                }
                if (s.mergeable().equals("conflicting")) {
                    tx.pullRequests().addFeedback(pr.id(), PrFeedback.conflict(s.headSha(), pr.baseBranch(),
                            s.conflictFiles()));
                }
            }
            return null;
        });
        switch (s.status()) {
            case MERGED -> lifecycle.merged(pr, s.headSha() + ", merged " + ("github".equals(pr.forge())
                    ? "on GitHub" : "outside Bosun"));
            case CLOSED -> lifecycle.closed(pr);
            default -> followUps.startIfNeeded(pr.id());
        }
    }
}
