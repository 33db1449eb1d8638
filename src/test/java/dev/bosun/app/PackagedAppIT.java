package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.testing.Git;
import dev.bosun.testing.JavaProcess;
import dev.bosun.testing.McpHttp;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app (the jpackage app-image this build made), run as a user runs it: its self-check, one Bosun per
 * data folder, a clear message when no window can be opened, and the offline demo agent's whole flow through the
 * operator's MCP tools, which proves its trimmed runtime holds everything Bosun and the agent JVM need.
 */
class PackagedAppIT {
    private static Path launcher;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheApp() {
        Path image = Path.of(System.getProperty("bosun.appImage", "target/jpackage/out/Bosun"));
        launcher = image.resolve("bin/Bosun");
        assertThat(launcher).as("the build makes the app-image before its integration tests").isExecutable();
    }

    private JavaProcess bosun(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return JavaProcess.command(cmd, env);
    }

    @Test
    void theSelfCheckPrintsTheVersionAndEngineStateAndStopsCleanly() throws Exception {
        Path data = dir.resolve("data");
        try (JavaProcess app = bosun(Map.of(), "--self-check", "--data-dir", data.toString())) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isZero();
            assertThat(app.output()).contains("Bosun " + System.getProperty("bosun.version"), "engine: running",
                    "data folder: " + data, "self-check passed; stopped cleanly");
        }
        try (FileChannel ch = FileChannel.open(data.resolve("bosun.lock"), StandardOpenOption.WRITE)) {
            assertThat(ch.tryLock()).as("the lock was released").isNotNull();
        }
    }

    /**
     * A double-click start: the window opens on a real X server (Xvfb) and no start failure is shown. A start that
     * failed only with a window (a desktop probe's exception) once passed every other test here.
     */
    @Test
    void onADisplayTheWindowOpensWithoutAStartFailure() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean xvfb = new ProcessBuilder("sh", "-c", "command -v Xvfb").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(xvfb || ci, "Xvfb is not installed (apt-get install xvfb)");
        assertThat(xvfb).as("Xvfb, which CI installs").isTrue();
        int display = 90;
        while (Files.exists(Path.of("/tmp/.X" + display + "-lock"))) { // a display no other X server holds
            display++;
        }
        Process x = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + display);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(socket) && x.isAlive() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // polling the socket, with a deadline
        }
        assertThat(socket).as("Xvfb :" + display + " listening").exists();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("DISPLAY", ":" + display);
            env.put("WAYLAND_DISPLAY", null);
            try (JavaProcess app = bosun(env, "--data-dir", dir.resolve("data").toString())) {
                String shown = app.awaitLine(l -> l.contains("First window shown") || l.contains("could not start"),
                        Duration.ofSeconds(90));
                assertThat(shown).as(app.output()).contains("First window shown");
                assertThat(app.output()).doesNotContain("could not start");
            }
        } finally {
            x.destroy();
        }
    }

    @Test
    void withoutADisplayTheAppSaysWhyAndExitsInsteadOfVanishing() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", null);
        env.put("WAYLAND_DISPLAY", null);
        try (JavaProcess app = bosun(env, "--data-dir", dir.resolve("data").toString())) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isEqualTo(Launcher.EXIT_NO_WINDOW);
            assertThat(app.output()).contains("Bosun could not open its window", "libgtk-3-0", "--headless");
        }
    }

    @Test
    void theDemoAgentRunsTheWholeFlowInThePackagedAppAndASecondInstanceIsRefused() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path data = dir.resolve("data");
        try (JavaProcess app = bosun(git.env(), "--headless", "--data-dir", data.toString())) {
            app.awaitLine(l -> l.startsWith("Bosun running headless"), Duration.ofSeconds(90));
            try (JavaProcess second = bosun(Map.of(), "--self-check", "--data-dir", data.toString())) {
                assertThat(second.awaitExit(Duration.ofSeconds(90))).isEqualTo(Launcher.EXIT_LOCKED);
                assertThat(second.output()).contains("Another Bosun", "already using the data folder");
            }
            Properties endpoint = new Properties();
            try (var in = Files.newBufferedReader(data.resolve("operator/mcp-operator.txt"))) {
                endpoint.load(in);
            }
            McpHttp operator = new McpHttp(endpoint.getProperty("url"), endpoint.getProperty("token")).initialize();
            McpHttp.Reply created = operator.callTool("create_objective", Map.of("title", "Docs", "prompt",
                    "Write the docs:\n- a getting started page", "repository", origin.toString(), "base_branch",
                    "main", "agent", "demo"));
            assertThat(created.isToolError()).as(created.text()).isFalse();
            String id = McpHttp.JSON.readTree(created.text()).path("id").asText();

            JsonNode pr = waitFor(() -> {
                JsonNode prs = objective(operator, id).path("pull_requests");
                return prs.size() == 1 && prs.get(0).path("status").asText().equals("open") ? prs.get(0) : null;
            }, app);
            McpHttp.Reply merged = operator.callTool("merge_pr", Map.of("objective_id", id, "pr",
                    pr.path("number").asInt()));
            assertThat(merged.isToolError()).as(merged.text()).isFalse();
            waitFor(() -> objective(operator, id).path("objective").path("status").asText().equals("succeeded")
                    ? true : null, app);
            assertThat(git.run(origin, "ls-tree", "-r", "--name-only", "main"))
                    .contains("demo/a-getting-started-page");

            app.process().destroy(); // SIGTERM: a clean stop
            assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
        }
    }

    private static JsonNode objective(McpHttp operator, String id) {
        try {
            McpHttp.Reply r = operator.callTool("get_objective", Map.of("objective_id", id));
            return McpHttp.JSON.readTree(r.text());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T waitFor(Supplier<T> found, JavaProcess app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            T t = found.get();
            if (t != null) {
                return t;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("not reached within 180 s; the app printed:\n" + app.output());
    }
}
