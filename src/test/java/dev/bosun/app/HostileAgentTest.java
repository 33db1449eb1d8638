package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.domain.TranscriptEntry;
import dev.bosun.store.Database;
import dev.bosun.testing.Git;
import dev.bosun.testing.JavaProcess;
import dev.bosun.testing.McpHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that attacks (the script {@code hostile-agent.sh}): it looks for the operator's endpoint file and the
 * database by relative path and over the disk, for other sessions' tokens in {@code /proc}, prints Bosun's GitHub
 * token, calls the manager and operator tools with what it found, plants hooks, an fsmonitor and programs in its
 * checkout's git config for Bosun's publish to run, and then prints 300,000 lines and one 100 MB line. Bosun runs in
 * a JVM of its own with {@code -Xmx256m}, the worker in its sandbox; every attempt fails or is cut, and the session
 * ends as any other: succeeded, its work published.
 */
class HostileAgentTest {
    private static final String SECRET = "ghp_HostileTestNotARealToken0123456789";

    @TempDir
    Path dir;

    @Test
    void aHostileWorkerReachesNothingItMustNotAndItsFloodCostsABoundedPart() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path data = dir.resolve("data");
        Path planted = dir.resolve("planted");
        Path script = Path.of(HostileAgentTest.class.getResource("hostile-agent.sh").toURI());
        Map<String, String> env = new HashMap<>(git.env());
        env.put("GITHUB_TOKEN", SECRET);
        env.put("GH_TOKEN", SECRET);
        env.put("BOSUN_COMMAND_AGENT", "sh " + script);
        String worker;
        List<Long> operatorMillis = new ArrayList<>();
        try (JavaProcess bosun = JavaProcess.start(Launcher.class, env, "--headless", "--data-dir", data.toString())) {
            String started = bosun.awaitLine(l -> l.startsWith("Bosun running headless"), Duration.ofSeconds(60));
            Matcher mcp = Pattern.compile("MCP server: (\\S+)").matcher(started);
            assertThat(mcp.find()).as(started).isTrue();
            McpHttp operator = operator(data);
            String operatorUrl = Files.readAllLines(data.resolve("operator/mcp-operator.txt")).stream()
                    .filter(l -> l.startsWith("url=")).findFirst().orElseThrow().substring(4);
            var made = operator.callTool("create_objective", Map.of("title", "Hostile", "repository",
                    origin.toString(), "agent", "demo", "prompt", "- [agent:command] Hostile work: manager="
                            + mcp.group(1) + "/mcp/manager operator=" + operatorUrl + " planted=" + planted + " ."));
            assertThat(made.isToolError()).as(made.text()).isFalse();
            String objective = McpHttp.JSON.readTree(made.text()).path("id").asText();

            JsonNode[] last = new JsonNode[1];
            worker = await(() -> {
                JsonNode o = objectiveOf(operator, objective);
                last[0] = o;
                long t0 = System.nanoTime();
                operator.callTool("list_objectives", Map.of()); // the operator, while the worker floods
                operatorMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                boolean published = o.path("pull_requests").size() > 0;
                for (JsonNode s : o.path("sessions")) {
                    if (s.path("role").asText().equals("worker") && List.of("failed", "canceled")
                            .contains(s.path("status").asText())) {
                        throw new AssertionError("the hostile worker did not run through: " + s + "\n"
                                + diagnose(data));
                    }
                    if (s.path("role").asText().equals("worker") && published) {
                        assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("succeeded");
                        return s.path("id").asText();
                    }
                }
                return null;
            }, () -> "the hostile worker succeeded and its work was published: " + last[0] + "\n" + diagnose(data));
            JsonNode o = objectiveOf(operator, objective);
            assertThat(o.path("objective").path("status").asText()).isEqualTo("active");
            bosun.process().destroy();
            assertThat(bosun.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(bosun.output()).doesNotContain("OutOfMemoryError");
        }
        System.out.println("operator calls during the flood (ms): " + operatorMillis);

        List<TranscriptEntry> transcript = new ArrayList<>();
        try (Database db = Database.open(data.resolve("bosun.db"), Clock.systemUTC())) {
            for (List<TranscriptEntry> page; !(page = db.read(tx -> tx.transcripts().after(worker,
                    transcript.isEmpty() ? 0 : transcript.get(transcript.size() - 1).seq(), 1000))).isEmpty(); ) {
                transcript.addAll(page);
            }
            String audit = String.join("\n", db.read(tx -> tx.audit().latest(10_000)).stream()
                    .map(e -> e.summary()).toList());
            assertThat(audit).doesNotContain(SECRET);
        }
        List<String> lines = transcript.stream().map(TranscriptEntry::content).toList();
        assertThat(lines).as("what the worker reached").noneMatch(l -> l.startsWith("ESCAPED"))
                .contains("hostile agent done").anyMatch(l -> l.matches("processes seen: [1-6]"))
                .anyMatch(l -> l.matches("… [\\d,]+ lines dropped here: .*"))
                .anyMatch(l -> l.startsWith("xxxx") && l.endsWith("more characters of this line cut]"));
        assertThat(lines.size()).isLessThanOrEqualTo(10_001);
        assertThat(String.join("\n", lines)).doesNotContain(SECRET);
        assertThat(planted).as("what the worker planted ran as Bosun").doesNotExist();
        assertThat(git.run(origin, "log", "--format=%s", "--all")).contains("Work");
        try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(SECRET);
            }
        }
    }

    /** The audit trail's and the transcripts' last words, for a failure's message. */
    private static String diagnose(Path data) {
        try (Database db = Database.open(data.resolve("bosun.db"), Clock.systemUTC())) {
            return db.read(tx -> tx.audit().latest(40)).stream().map(e -> e.type() + " " + e.summary())
                    .map(l -> l.length() > 300 ? l.substring(0, 300) : l).toList().toString();
        } catch (RuntimeException e) {
            return "(the database could not be read: " + e + ")";
        }
    }

    private static JsonNode objectiveOf(McpHttp operator, String id) throws Exception {
        return McpHttp.JSON.readTree(operator.callTool("get_objective", Map.of("objective_id", id)).text());
    }

    private static McpHttp operator(Path data) throws Exception {
        Map<String, String> kv = new HashMap<>();
        Files.readAllLines(data.resolve("operator/mcp-operator.txt")).forEach(l -> kv.put(l.substring(0,
                l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return new McpHttp(kv.get("url"), kv.get("token")).initialize();
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T await(ThrowingSupplier<T> condition, java.util.function.Supplier<String> what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 180 s: " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
