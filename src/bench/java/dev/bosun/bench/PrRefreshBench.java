package dev.bosun.bench;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.forge.GitHubClient;
import dev.bosun.forge.GitHubForge;
import dev.bosun.forge.LocalForge;
import dev.bosun.forge.PrState;
import dev.bosun.testing.FakeGitHub;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one pull request costs a refresh pass (done every minute for every open PR). Local forge: git computes head,
 * merged, commits, diff size and a merge-tree against the base, in the 20,000-file, 2,000-commit repository of
 * {@link CheckoutBench}, with 20 PR branches of which 5 conflict. GitHub forge: the five REST calls (PR, check runs,
 * status, review comments, reviews) against the loopback {@link FakeGitHub}, which measures Bosun's side only.
 * Median of 5 passes over all PRs.
 */
public final class PrRefreshBench {
    static final int PRS = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bosun-pr-refresh-bench");
        Map<String, String> env = Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        Path origin = dir.resolve("origin.git");
        CheckoutBench.git(env, dir, "init", "--bare", "--quiet", origin.toString());
        CheckoutBench.fastImport(env, origin);
        branches(env, origin);
        LocalForge local = new LocalForge(env, dir.resolve("cache"));
        List<PullRequest> prs = new ArrayList<>();
        for (int i = 0; i < PRS; i++) {
            prs.add(pr(origin.toString(), i, ""));
        }
        int conflicting = 0;
        for (PullRequest pr : prs) {
            conflicting += local.refresh(pr).mergeable().equals("conflicting") ? 1 : 0;
        }
        System.out.printf("local forge: %d PRs, %d conflicting; per PR median %.1f ms %s%n", PRS, conflicting,
                perPr(prs, local::refresh), passes);

        // the JDK's test HTTP server waits for delayed ACKs (about 40 ms a request) unless told not to: that is the
        // fake's cost, not Bosun's, so it is switched off here
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (FakeGitHub github = new FakeGitHub("bench")) {
            GitHubClient client = new GitHubClient(github.api(), "github.com", "bench");
            GitHubForge forge = new GitHubForge(client);
            List<PullRequest> hosted = new ArrayList<>();
            for (int i = 0; i < PRS; i++) {
                int n = client.create(new GitHubClient.Repo("acme", "app"), "pr-" + i, "main", "PR " + i, "").number();
                hosted.add(pr("https://github.com/acme/app.git", n, "github"));
            }
            forge.refresh(hosted.get(0));
            System.out.printf("GitHub forge (loopback fake, 5 REST calls): per PR median %.1f ms %s%n",
                    perPr(hosted, forge::refresh), passes);
        }
    }

    interface Refresh {
        PrState of(PullRequest pr) throws Exception;
    }

    private static List<String> passes = List.of();

    /** Median, over 5 passes, of the mean time per PR of a pass over all of them. */
    static double perPr(List<PullRequest> prs, Refresh refresh) throws Exception {
        List<Double> perPass = new ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            long t = System.nanoTime();
            for (PullRequest pr : prs) {
                refresh.of(pr);
            }
            perPass.add((System.nanoTime() - t) / 1e6 / prs.size());
        }
        passes = perPass.stream().map(ms -> String.format("%.1f", ms)).toList();
        Collections.sort(perPass);
        return perPass.get(2);
    }

    static PullRequest pr(String repository, int n, String forge) {
        return new PullRequest("pr-" + n, "obj", "ses", repository, n, "", "PR " + n, "pr-" + n, "main", "",
                PullRequestStatus.OPEN, ChecksState.UNKNOWN, Instant.EPOCH, Instant.EPOCH,
                forge.isEmpty() ? "local" : forge);
    }

    /** PR branches off main, each with one commit; every fourth changes a file that main then changes too. */
    static void branches(Map<String, String> env, Path repo) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "fast-import", "--quiet").directory(repo.toFile());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        try (OutputStream out = p.getOutputStream()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < PRS; i++) {
                String msg = "pr " + i;
                sb.append("commit refs/heads/pr-").append(i).append('\n')
                        .append("committer Bench <bench@bosun.dev> 1800000000 +0000\n")
                        .append("data ").append(msg.length()).append('\n').append(msg).append('\n')
                        .append("from refs/heads/main^0\n");
                CheckoutBench.modify(sb, i % 4 == 0 ? "src/d0/file0.txt" : "pr/file" + i + ".txt", "pr " + i + "\n");
            }
            String msg = "main moves on";
            sb.append("commit refs/heads/main\n").append("committer Bench <bench@bosun.dev> 1800000001 +0000\n")
                    .append("data ").append(msg.length()).append('\n').append(msg).append('\n')
                    .append("from refs/heads/main^0\n");
            CheckoutBench.modify(sb, "src/d0/file0.txt", "main's version\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (p.waitFor() != 0) {
            throw new java.io.IOException("fast-import failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
