package dev.bosun.bench;

import static dev.bosun.testing.ScriptedModel.Reply.text;
import static dev.bosun.testing.ScriptedModel.Reply.tool;

import dev.bosun.app.AgentSetup;
import dev.bosun.app.Bosun;
import dev.bosun.app.DataDirectory;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.testing.ClaudeCli;
import dev.bosun.testing.Git;
import dev.bosun.testing.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many objectives at once, each a real Claude Code manager against the scripted model server that spawns one real
 * Claude Code worker and marks the objective done when the worker succeeds; this machine's target takes 2 workers at
 * a time. For 10 and 30 objectives (100 with -Dbosun.bench.many=100: 100 Claude Code processes need about 15 GB):
 * the time until all are done, an engine-bound operator call's latency
 * (sampled every 50 ms while they run) and Bosun's resident memory.
 */
public final class ManyObjectivesBench {
    private static final Pattern WORKER_SUCCEEDED = Pattern.compile("Worker \"[^\"]*\" \\(([a-z0-9_]+)\\) succeeded");

    public static void main(String[] args) throws Exception {
        String claude;
        try {
            claude = ClaudeCli.binary();
        } catch (RuntimeException | AssertionError e) {
            System.out.println("(no Claude Code CLI (BOSUN_TEST_CLAUDE): many objectives were not measured)");
            return;
        }
        double perObjectiveAt10 = 0;
        Integer only = Integer.getInteger("bosun.bench.many"); // -Dbosun.bench.many=30: that count alone
        for (int n : only != null ? new int[] {only} : new int[] {10, 30}) {
            Path dir = Files.createTempDirectory("bosun-many-bench");
            Git git = new Git(Files.createDirectories(dir.resolve("home")));
            Path origin = git.origin(dir);
            try (ScriptedModel model = new ScriptedModel(c -> {
                List<String> calls = c.toolCalls();
                if (c.firstUserText().contains("WORKER-TASK")) {
                    return calls.contains("mcp__bosun__report_result") ? text("Done.")
                            : tool("mcp__bosun__report_result", Map.of("summary", "Looked; nothing to change"));
                }
                if (!calls.contains("mcp__bosun__spawn_worker")) {
                    return tool("mcp__bosun__spawn_worker", Map.of("title", "Look", "task",
                            "WORKER-TASK: look at the repository"));
                }
                Matcher done = WORKER_SUCCEEDED.matcher(c.lastUserText());
                if (done.find() && !calls.contains("mcp__bosun__mark_objective_done")) {
                    return tool("mcp__bosun__mark_objective_done", Map.of("summary", "The worker looked"));
                }
                return text("Waiting.");
            }); Bosun bosun = Bosun.start(new DataDirectory(dir.resolve("data")), Clock.systemUTC(),
                    AgentSetup.claude(claude, ClaudeCli.env(model, Files.createDirectories(dir.resolve("claude")),
                            git.env()), git.env()), dir.resolve("known_hosts"))) {
                String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
                bosun.operations().targets().setCapacity(local, 2).get(10, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Objective o = bosun.operations().createObjective(new ObjectiveDraft("Objective " + i,
                            "MANAGER: look at the repository", origin.toString(), "main", AgentKind.CLAUDE))
                            .get(10, TimeUnit.SECONDS);
                    ids.add(o.id());
                }
                List<Long> operator = new ArrayList<>();
                long rssMax = 0;
                long deadline = t0 + TimeUnit.MINUTES.toNanos(15);
                while (true) {
                    long done = bosun.database().read(tx -> {
                        long count = 0;
                        for (String id : ids) {
                            count += tx.objectives().byId(id).filter(o -> o.status() == ObjectiveStatus.SUCCEEDED)
                                    .isPresent() ? 1 : 0;
                        }
                        return count;
                    });
                    if (done == n) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(done + " of " + n + " objectives done within 15 minutes");
                    }
                    long a = System.nanoTime();
                    bosun.operations().forcePoke("obj_none").handle((v, e) -> null).get(60, TimeUnit.SECONDS);
                    operator.add((System.nanoTime() - a) / 1000);
                    rssMax = Math.max(rssMax, rssKb());
                    Thread.sleep(50); // the sampling period, not a wait for a condition
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Collections.sort(operator);
                double p99 = operator.get((int) Math.floor(operator.size() * 0.99)) / 1000.0;
                System.out.printf("many objectives: %d done in %.1f s (%.2f s each); operator call p50 %.1f ms, p99 %.1f"
                        + " ms, max %.1f ms; Bosun's JVM resident %d MiB at most%n", n, seconds, seconds / n,
                        operator.get(operator.size() / 2) / 1000.0, p99,
                        operator.get(operator.size() - 1) / 1000.0, rssMax >> 10);
                if (n == 10) {
                    perObjectiveAt10 = seconds / n;
                } else {
                    BenchSummary.add("many objectives: time per objective with " + n + " at once", seconds / n, "s",
                            "the same with 10 at once", perObjectiveAt10, "ratio ≤ 1.5 (no worse than linear)",
                            seconds / n <= perObjectiveAt10 * 1.5);
                }
                BenchSummary.add("many objectives: operator call p99 with " + n + " at once", p99, "ms", "≤ 200 ms",
                        p99 <= 200);
                BenchSummary.add("many objectives: resident memory with " + n + " at once", rssMax >> 10, "MiB",
                        "≤ 512 MiB", (rssMax >> 10) <= 512);
            }
        }
    }

    private static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
