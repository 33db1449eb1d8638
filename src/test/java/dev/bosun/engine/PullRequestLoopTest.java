package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SessionRole;
import dev.bosun.engine.AgentOperations.WorkerRequest;
import dev.bosun.store.Row.PullRequestRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull request loop on the local forge, with real git and a real engine (scripted agents): a worker's branch is
 * published, refreshed, merged into the origin, the manager told and the objective ended; and each push-safety rule.
 */
class PullRequestLoopTest {
    @TempDir
    Path dir;

    /** A succeeded worker of a running manager that wrote {@code file} in its checkout, and its checkout. */
    record Worked(Session manager, Session worker, Path checkout) {}

    static Worked workerWrote(EngineHarness h, Session m, String file, String content) throws Exception {
        AgentOperations agents = h.orchestration.agentOperations();
        Session w = h.await(agents.spawnWorker(m.id(), new WorkerRequest("json flag", "Add --json.", null, List.of(),
                null, List.of(), null)));
        h.pass();
        Path checkout = h.agents(w.agent()).lastLaunchOf(w.id()).workDir();
        Files.writeString(checkout.resolve(file), content); // left uncommitted: publishing commits it
        h.await(agents.reportResult(w.id(), "added " + file));
        h.agentDoes(() -> h.run(w).exit(true, "added " + file));
        return new Worked(m, w, checkout);
    }

    /** A person pushes a commit adding {@code file} to {@code branch} from a clone of their own; returns it. */
    String someoneElsePushes(EngineHarness h, String branch, String file) throws Exception {
        Path other = dir.resolve("other-" + file);
        h.git.run(dir, "clone", "-q", "--branch", branch, h.origin.toString(), other.toString());
        Files.writeString(other.resolve(file), "someone else's\n");
        h.git.run(other, "add", ".");
        h.git.run(other, "commit", "-q", "-m", "add " + file);
        h.git.run(other, "push", "-q", "origin", branch);
        return h.git.run(other, "rev-parse", "HEAD");
    }

    static dev.bosun.store.Row.ObjectiveRow objectiveRow(EngineHarness h, String objectiveId) {
        return h.db.read(tx -> tx.rows().objectives()).stream().filter(r -> r.id().equals(objectiveId)).findFirst()
                .orElseThrow();
    }

    static Worked published(EngineHarness h) throws Exception {
        Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
        return workerWrote(h, m, "json.txt", "--json\n");
    }

    @Test
    void theWholeLoopPublishesMergesIntoTheOriginTellsTheManagerAndEndsTheObjective() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            AgentOperations agents = h.orchestration.agentOperations();

            PullRequest pr = h.await(agents.publishPr(w.manager().id(), w.worker().id(), "Add --json", "Adds it."));

            assertThat(pr.number()).isEqualTo(1);
            assertThat(pr.forge()).isEqualTo("local");
            assertThat(pr.status()).isEqualTo(PullRequestStatus.OPEN);
            assertThat(h.git.run(h.origin, "show", pr.branch() + ":json.txt")).isEqualTo("--json");
            assertThat(pr.headSha()).isEqualTo(h.git.run(h.origin, "rev-parse", pr.branch()));
            assertThat(h.await(h.ops.refreshPullRequests()).refreshed()).isEqualTo(1);
            PullRequestRow row = PullRequestRefreshTest.row(h, pr);
            assertThat(row.mergeable()).isEqualTo("mergeable");
            assertThat(row.commits()).isEqualTo(1);
            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(w.manager().id(), "done")))
                    .hasMessageContaining("PR #1");
            var shown = objectiveRow(h, w.manager().objectiveId()).manager();
            assertThat(shown.wire()).isEqualTo("waiting for your review of PR #1");
            assertThat(shown.needsOperator()).as("under Needs me").isTrue();

            h.await(h.ops.mergePullRequest(pr.id()));
            h.settle();
            assertThat(objectiveRow(h, w.manager().objectiveId()).manager().wire()).isEqualTo("running");

            assertThat(h.git.run(h.origin, "show", "main:json.txt")).isEqualTo("--json");
            assertThat(h.git.run(h.origin, "log", "-1", "--format=%P", "main").split(" ")).hasSize(2);
            assertThat(h.run(w.manager()).received).last().asString()
                    .contains("PR #1 \"Add --json\" was merged into main", "mark_objective_done");
            h.await(agents.markObjectiveDone(w.manager().id(), "--json shipped"));
            assertThat(h.db.read(tx -> tx.objectives().byId(w.manager().objectiveId())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.SUCCEEDED);
        }
    }

    @Test
    void aDependentWorkerStartsFromItsDependenciesCommitsEvenUnpublished() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
            AgentOperations agents = h.orchestration.agentOperations();
            Session a = h.await(agents.spawnWorker(m.id(), new WorkerRequest("parser", "Write the parser.", null,
                    List.of(), null, List.of(), AgentKind.CODEX)));
            Session b = h.await(agents.spawnWorker(m.id(), new WorkerRequest("tests", "Test the parser.", null,
                    List.of(a.id()), null, List.of(), AgentKind.CODEX)));
            h.pass();
            assertThat(h.session(b.id()).status()).as("waits for its dependency").isEqualTo(SessionStatus.QUEUED);
            Path parser = h.codex.lastLaunchOf(a.id()).workDir();
            Files.writeString(parser.resolve("parser.txt"), "parse\n");
            h.git.run(parser, "add", ".");
            h.git.run(parser, "commit", "-q", "-m", "the parser");
            String parserCommit = h.git.run(parser, "rev-parse", "HEAD");
            h.agentDoes(() -> h.run(a).exit(true, "parser written"));
            h.pass();

            Path tests = h.codex.lastLaunchOf(b.id()).workDir();
            assertThat(tests.resolve("parser.txt")).hasContent("parse");
            assertThat(h.git.run(tests, "merge-base", "--is-ancestor", parserCommit, "HEAD")).isEmpty();
            var workspace = h.db.read(tx -> tx.workspaces().byId(h.session(b.id()).workspaceId())).orElseThrow();
            assertThat(workspace.baseSha()).as("what it took in is published with it")
                    .isEqualTo(h.git.run(h.origin, "rev-parse", "main"));

            h.agentDoes(() -> h.run(b).exit(true, "nothing to add: the parser is tested")); // it only combines
            PullRequest pr = h.await(agents.publishPr(m.id(), b.id(), "Parser and tests", "Both."));
            assertThat(h.git.run(h.origin, "show", pr.branch() + ":parser.txt")).isEqualTo("parse");
            h.await(h.ops.mergePullRequest(pr.id()));
            h.settle();
            h.await(agents.markObjectiveDone(m.id(), "shipped")); // the parser is in the tests' PR: nothing stranded
        }
    }

    @Test
    void aDependentSpawnedAfterItsDependencysCheckoutWasReclaimedBuildsOnItsPullRequest() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            AgentOperations agents = h.orchestration.agentOperations();
            PullRequest pr = h.await(agents.publishPr(w.manager().id(), w.worker().id(), "Add --json", "Adds it."));
            h.await(h.ops.runGcNow());
            assertThat(w.checkout()).as("reclaimed: its work is in its PR").doesNotExist();

            Session tests = h.await(agents.spawnWorker(w.manager().id(), new WorkerRequest("tests", "Test --json.",
                    null, List.of(w.worker().id()), null, List.of(), AgentKind.CODEX)));
            h.pass();

            Path checkout = h.codex.lastLaunchOf(tests.id()).workDir();
            assertThat(checkout.resolve("json.txt")).hasContent("--json");
            assertThat(h.git.run(checkout, "merge-base", "--is-ancestor", pr.headSha(), "HEAD")).isEmpty();
        }
    }

    @Test
    void anObjectiveCannotEndWhileASucceededWorkersWorkIsInNoPullRequestUnlessItsManagerDiscardsIt()
            throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
            Worked uncommitted = workerWrote(h, m, "json.txt", "--json\n");
            Worked committed = workerWrote(h, m, "yaml.txt", "--yaml\n");
            h.git.run(committed.checkout(), "add", ".");
            h.git.run(committed.checkout(), "commit", "-q", "-m", "add --yaml");
            AgentOperations agents = h.orchestration.agentOperations();

            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .hasMessageContaining("worker " + uncommitted.worker().id())
                    .hasMessageContaining("uncommitted changes in no pull request")
                    .hasMessageContaining("worker " + committed.worker().id())
                    .hasMessageContaining("1 commit on bosun/").hasMessageContaining("publish_pr", "discard_work");
            assertThatThrownBy(() -> h.await(agents.discardWork(m.id(), committed.worker().id(), " ")))
                    .hasMessageContaining("Say why");

            h.await(agents.discardWork(m.id(), committed.worker().id(), "YAML is out of scope after all"));
            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .hasMessageContaining(uncommitted.worker().id())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(committed.worker().id()));
            PullRequest pr = h.await(agents.publishPr(m.id(), uncommitted.worker().id(), "Add --json", ""));
            h.await(h.ops.mergePullRequest(pr.id()));
            h.await(agents.markObjectiveDone(m.id(), "--json shipped"));

            assertThat(h.db.read(tx -> tx.objectives().byId(m.objectiveId())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.SUCCEEDED);
            assertThat(h.audit(m.objectiveId())).filteredOn(e -> e.type().equals("work_discarded")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.summary()).contains("YAML is out of scope after all");
                        assertThat(e.actor()).isEqualTo(m.id());
                    });
            assertThat(Files.readString(committed.checkout().resolve("yaml.txt"))).as("discarding deletes nothing")
                    .isEqualTo("--yaml\n");
        }
    }

    @Test
    void updatesFastForwardAForceNeedsAReasonAndReplacesOnlyBosunsOwnCommitsAndAMergedPrIsNeverPushedTo()
            throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            AgentOperations agents = h.orchestration.agentOperations();
            String m = w.manager().id();
            PullRequest pr = h.await(agents.publishPr(m, w.worker().id(), "Add --json", ""));

            Files.writeString(w.checkout().resolve("json.txt"), "--json, tested\n");
            PullRequest updated = h.await(agents.updatePr(m, 1, w.worker().id(), null, null, null, null));
            assertThat(updated.headSha()).isEqualTo(h.git.run(h.origin, "rev-parse", pr.branch()))
                    .isEqualTo(h.git.run(w.checkout(), "rev-parse", "HEAD")).isNotEqualTo(pr.headSha());

            // the worker rewrites its own pushed commit: only a force push with a reason replaces it
            Files.writeString(w.checkout().resolve("json.txt"), "--json, tested, reworded\n");
            h.git.run(w.checkout(), "commit", "-q", "-a", "--amend", "-m", "Add --json (reworded)");
            assertThatThrownBy(() -> h.await(agents.updatePr(m, 1, w.worker().id(), null, null, null, null)))
                    .hasMessageContaining("has commits this checkout lacks").hasMessageContaining("force_reason");
            h.await(agents.updatePr(m, 1, w.worker().id(), null, null, "squashed the review fixups", null));
            String rewritten = h.git.run(w.checkout(), "rev-parse", "HEAD");
            assertThat(h.git.run(h.origin, "rev-parse", pr.branch())).isEqualTo(rewritten);
            assertThat(h.audit(pr.objectiveId())).filteredOn(e -> e.type().equals("force_push")).singleElement()
                    .satisfies(e -> assertThat(e.summary()).contains("squashed the review fixups", updated.headSha()));

            // someone else pushes to the PR's branch: neither a plain nor a forced push may replace their commit
            String theirs = someoneElsePushes(h, pr.branch(), "docs.txt");
            Files.writeString(w.checkout().resolve("json.txt"), "--json, once more\n");
            assertThatThrownBy(() -> h.await(agents.updatePr(m, 1, w.worker().id(), null, null, null, null)))
                    .hasMessageContaining("has commits this checkout lacks");
            assertThatThrownBy(() -> h.await(agents.updatePr(m, 1, w.worker().id(), null, null, "mine are better",
                    null))).hasMessageContaining("commits Bosun did not push").hasMessageContaining(theirs);
            assertThat(h.git.run(h.origin, "rev-parse", pr.branch())).isEqualTo(theirs);

            h.await(h.ops.refreshPullRequests()); // Bosun looks at their commit before it merges
            h.await(h.ops.mergePullRequest(pr.id()));
            String merged = h.git.run(h.origin, "rev-parse", pr.branch());
            Files.writeString(w.checkout().resolve("late.txt"), "late\n");
            assertThatThrownBy(() -> h.await(agents.updatePr(m, 1, w.worker().id(), null, null, null, null)))
                    .hasMessageContaining("never pushes to a merged PR");
            assertThatThrownBy(() -> h.await(agents.updatePr(m, 1, null, "New title", null, null, null)))
                    .hasMessageContaining("never pushes to a merged PR");
            assertThat(h.git.run(h.origin, "rev-parse", pr.branch())).isEqualTo(merged);
        }
    }

    @Test
    void aPrWithoutARecordOfBosunsOwnPushIsNeverForcePushed() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            String branch = h.git.run(w.checkout(), "rev-parse", "--abbrev-ref", "HEAD");
            h.git.run(w.checkout(), "add", ".");
            h.git.run(w.checkout(), "commit", "-q", "-m", "json");
            h.git.run(w.checkout(), "push", "-q", "origin", "HEAD:refs/heads/" + branch);
            // as an older Bosun recorded it: no pushed head
            PullRequest pr = h.db.write(tx -> tx.pullRequests().create(w.manager().objectiveId(), w.worker().id(),
                    h.origin.toString(), 1, "", "Add --json", branch, "main", PullRequestStatus.OPEN, Actor.ENGINE));
            String before = h.git.run(h.origin, "rev-parse", branch);
            h.git.run(w.checkout(), "commit", "-q", "--amend", "-m", "json, reworded");

            assertThatThrownBy(() -> h.await(h.orchestration.agentOperations().updatePr(w.manager().id(), 1,
                    w.worker().id(), null, null, "rewrite", null))).hasMessageContaining("no record of what it pushed");
            assertThat(h.git.run(h.origin, "rev-parse", pr.branch())).isEqualTo(before);
        }
    }

    @Test
    void aMergeIsRefusedWhenTheBranchMovedSinceBosunLastLookedAtIt() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            PullRequest pr = h.await(h.orchestration.agentOperations().publishPr(w.manager().id(), w.worker().id(),
                    "Add --json", ""));
            someoneElsePushes(h, pr.branch(), "surprise.txt");
            String main = h.git.run(h.origin, "rev-parse", "main");

            assertThatThrownBy(() -> h.await(h.ops.mergePullRequest(pr.id())))
                    .hasMessageContaining("moved to").hasMessageContaining("since Bosun last looked at it");
            assertThat(h.git.run(h.origin, "rev-parse", "main")).isEqualTo(main);
            h.await(h.ops.refreshPullRequests());
            h.await(h.ops.mergePullRequest(pr.id()));
            assertThat(h.git.run(h.origin, "show", "main:surprise.txt")).isEqualTo("someone else's");
        }
    }

    @Test
    void aPrClosedUnmergedAsksTheManagerWhatNowAndIsNotPushedTo() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            AgentOperations agents = h.orchestration.agentOperations();
            PullRequest pr = h.await(agents.publishPr(w.manager().id(), w.worker().id(), "Add --json", ""));
            h.git.run(dir.resolve("pusher"), "push", "-q", "origin", "--delete", pr.branch()); // closed by a person

            h.await(h.ops.refreshPullRequests());
            h.settle();

            assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().status())
                    .isEqualTo(PullRequestStatus.CLOSED);
            assertThat(h.run(w.manager()).received).last().asString()
                    .contains("PR #1 \"Add --json\" was closed without being merged", "What now?", "ask_user");
            Files.writeString(w.checkout().resolve("more.txt"), "more\n");
            assertThatThrownBy(() -> h.await(agents.updatePr(w.manager().id(), 1, w.worker().id(), null, null, null,
                    null))).hasMessageContaining("closed without being merged").hasMessageContaining("new PR");
            assertThat(h.git.run(h.origin, "branch", "--list", pr.branch())).isEmpty();
        }
    }

    @Test
    void aCheckoutThatCannotBeExaminedKeepsTheObjectiveOpenUntilTheManagerDecides() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
            Worked w = workerWrote(h, m, "json.txt", "--json\n");
            // its target no longer answers for it: git cannot read the checkout where it was
            Files.move(w.checkout(), dir.resolve("elsewhere"));
            AgentOperations agents = h.orchestration.agentOperations();

            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .hasMessageContaining("could not be checked").hasMessageContaining("try again later");
            assertThat(h.db.read(tx -> tx.objectives().byId(m.objectiveId())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.ACTIVE);
            h.await(agents.discardWork(m.id(), w.worker().id(), "its checkout is lost; the work is redone elsewhere"));
            h.await(agents.markObjectiveDone(m.id(), "done without it"));
            assertThat(h.db.read(tx -> tx.objectives().byId(m.objectiveId())).orElseThrow().status())
                    .isEqualTo(ObjectiveStatus.SUCCEEDED);
        }
    }

    @Test
    void whatAManagerMustHearWhileNoneIsLiveIsHeldAndAManagerIsStartedForItThoughAnotherPrAwaitsReview()
            throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
            AgentOperations agents = h.orchestration.agentOperations();
            Worked json = workerWrote(h, m, "json.txt", "--json\n");
            PullRequest first = h.await(agents.publishPr(m.id(), json.worker().id(), "Add --json", ""));
            Worked yaml = workerWrote(h, m, "yaml.txt", "--yaml\n");
            h.await(agents.publishPr(m.id(), yaml.worker().id(), "Add --yaml", ""));
            h.agentDoes(() -> h.run(m).exit(false, "crashed"));
            h.clock.advance(java.time.Duration.ofMinutes(10));
            h.pass();
            assertThat(h.sessions(m.objectiveId()).stream().filter(s -> s.role() == SessionRole.MANAGER))
                    .as("two PRs await review: they drive the objective").hasSize(1);

            h.git.run(dir.resolve("pusher"), "push", "-q", "origin", "--delete", first.branch()); // closed by a person
            h.await(h.ops.refreshPullRequests());
            h.settle();
            h.pass();

            Session next = h.manager(m.objectiveId());
            assertThat(next.id()).as("a manager is started for what it must hear").isNotEqualTo(m.id());
            assertThat(h.claude.lastLaunchOf(next.id()).prompt())
                    .contains("PR #1 \"Add --json\" was closed without being merged", "What now?");
        }
    }

    @Test
    void aConflictWithTheBaseStartsAFollowUpWhoseMergeIsPushedAndThePrMergesAgain() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Session m = AgentOperationsTest.runningManager(h, AgentKind.CLAUDE);
            AgentOperations agents = h.orchestration.agentOperations();
            Worked a = workerWrote(h, m, "README.md", "hello from A\n");
            Worked b = workerWrote(h, m, "README.md", "hello from B\n");
            PullRequest first = h.await(agents.publishPr(m.id(), a.worker().id(), "A", ""));
            PullRequest second = h.await(agents.publishPr(m.id(), b.worker().id(), "B", ""));
            h.await(h.ops.mergePullRequest(first.id())); // B now conflicts with main

            h.await(h.ops.refreshPullRequests());
            h.settle();

            assertThat(PullRequestRefreshTest.row(h, second).mergeable()).isEqualTo("conflicting");
            Session f = h.sessions(m.objectiveId()).stream().filter(s -> s.role() == SessionRole.FOLLOW_UP)
                    .findFirst().orElseThrow();
            assertThat(f.goal()).contains("Pull request #2", "conflicts with main in: README.md",
                    "git merge origin/main");
            assertThat(h.run(m).received).last().asString().contains("PR #2", "a merge conflict", f.id());

            h.pass();
            Path fix = h.agents(f.agent()).lastLaunchOf(f.id()).workDir();
            // what the follow-up's agent does: merge main, resolve the conflict, commit
            h.git.run(fix, "merge", "-q", "--no-commit", "-X", "ours", "origin/main");
            Files.writeString(fix.resolve("README.md"), "hello from A and B\n");
            h.git.run(fix, "commit", "-q", "-am", "Merge main; keep both greetings");
            h.await(agents.reportResult(f.id(), "merged main, kept both"));
            h.agentDoes(() -> h.run(f).exit(true, "merged main, kept both"));
            // Bosun pushes a succeeded follow-up's work, then tells its manager
            EngineHarness.waitFor(() -> h.run(m).received.stream().anyMatch(t -> t.contains("Follow-up worker "
                    + f.id() + " of PR")));
            assertThat(h.run(m).received).last().asString().contains("Its commits are pushed to PR #2");
            assertThat(h.git.run(h.origin, "rev-parse", second.branch())).isEqualTo(h.git.run(fix, "rev-parse",
                    "HEAD"));
            h.await(h.ops.runGcNow());
            assertThat(fix).as("a follow-up's checkout is on its PR's branch, not its PR: kept while the objective runs")
                    .isDirectory();
            h.await(h.ops.refreshPullRequests());
            h.settle();

            assertThat(PullRequestRefreshTest.row(h, second).mergeable()).isEqualTo("mergeable");
            assertThat(h.sessions(m.objectiveId()).stream().filter(s -> s.role() == SessionRole.FOLLOW_UP))
                    .as("the conflict was handed over once").hasSize(1);
            // a commit the follow-up's push did not carry (here made after it; the PR may also be merged first)
            Files.writeString(fix.resolve("LATE.md"), "late\n");
            h.git.run(fix, "add", "LATE.md");
            h.git.run(fix, "commit", "-q", "-m", "late");
            h.await(h.ops.mergePullRequest(second.id()));
            assertThat(h.git.run(h.origin, "show", "main:README.md")).isEqualTo("hello from A and B");
            h.settle();
            assertThatThrownBy(() -> h.await(agents.markObjectiveDone(m.id(), "done")))
                    .as("the follow-up's unpushed commit is in no PR").hasMessageContaining(f.id());
            h.await(agents.discardWork(m.id(), f.id(), "the late commit is not needed"));
            h.await(agents.markObjectiveDone(m.id(), "done"));
        }
    }

    @Test
    void feedbackThatKeepsComingBackGetsAtMostFiveFollowUpsThenTheManagerIsToldOnce() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            PullRequest pr = h.await(h.orchestration.agentOperations().publishPr(w.manager().id(), w.worker().id(),
                    "Add --json", ""));
            for (int round = 1; round <= PullRequestFollowUps.MAX_FOLLOW_UPS + 2; round++) {
                int n = round;
                h.db.write(tx -> tx.pullRequests().addFeedback(pr.id(), new PrFeedback("check@head" + n + ":ci",
                        PrFeedback.CHECK, "Check \"ci\" failed again, round " + n)));
                h.await(h.ops.refreshPullRequests());
                h.settle();
                for (Session f : h.sessions(pr.objectiveId())) {
                    if (f.role() == SessionRole.FOLLOW_UP && !f.status().terminal()) {
                        h.await(h.ops.cancelSession(f.id(), "did not fix it"));
                    }
                }
            }

            assertThat(h.sessions(pr.objectiveId()).stream().filter(s -> s.role() == SessionRole.FOLLOW_UP))
                    .hasSize(PullRequestFollowUps.MAX_FOLLOW_UPS);
            assertThat(h.run(w.manager()).received.stream().filter(t -> t.contains("starts no more")))
                    .singleElement().asString().contains("PR #1", "had 5 follow-ups", "ask the operator");
            assertThat(h.auditCount(pr.objectiveId(), "follow_up_limit")).isEqualTo(1);
        }
    }

    /**
     * The review pane's path end to end: the PR's changes and a file's two sides are read from the origin, and the
     * operator's comment on a line becomes a follow-up worker's task naming the file, the line and its text.
     */
    @Test
    void anOperatorsCommentOnADiffLineStartsAFollowUpThatIsToldWhereAndWhat() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Worked w = published(h);
            PullRequest pr = h.await(h.orchestration.agentOperations().publishPr(w.manager().id(), w.worker().id(),
                    "Add --json", ""));
            var changes = h.await(h.ops.pullRequestChanges(pr.id()));
            assertThat(changes.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("json.txt");
                assertThat(f.added()).isEqualTo(1);
            });
            var versions = h.await(h.ops.fileVersions(pr.id(), changes, changes.files().get(0)));
            assertThat(versions.before()).isEmpty();
            assertThat(versions.after()).isEqualTo("--json\n");

            assertThatThrownBy(() -> h.await(h.ops.commentOnPullRequest(pr.id(), dev.bosun.domain.ReviewComment
                    .onPullRequest("  ")))).hasMessageContaining("empty");
            assertThatThrownBy(() -> h.await(h.ops.commentOnPullRequest(pr.id(), dev.bosun.domain.ReviewComment
                    .onPullRequest("fine\u202Eevil")))).hasMessageContaining("U+202E");
            h.await(h.ops.commentOnPullRequest(pr.id(), new dev.bosun.domain.ReviewComment("json.txt", 1, false,
                    "--json", "Call it --format=json, as the other tools do.")));
            h.settle();

            Session f = h.sessions(pr.objectiveId()).stream().filter(s -> s.role() == SessionRole.FOLLOW_UP)
                    .findFirst().orElseThrow();
            assertThat(f.goal()).contains("json.txt, line 1", "`--json`", "Call it --format=json");
            List<PrFeedback.Recorded> history = h.db.read(tx -> tx.pullRequests().feedbackHistory(pr.id()));
            assertThat(history).singleElement()
                    .satisfies(r -> assertThat(r.handledBy()).isEqualTo(f.id()));
            assertThat(h.auditCount(pr.objectiveId(), "pr_comment")).isEqualTo(1);

            h.await(h.ops.cancelSession(f.id(), "enough"));
            h.await(h.ops.mergePullRequest(pr.id()));
            assertThatThrownBy(() -> h.await(h.ops.commentOnPullRequest(pr.id(), dev.bosun.domain.ReviewComment
                    .onPullRequest("one more thing")))).hasMessageContaining("only an open pull request");
        }
    }
}
