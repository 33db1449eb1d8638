package dev.bosun.agent.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The demo worker: writes a note about its task into {@code demo/} in its checkout, commits it with real git, and
 * reports the result. Later messages (an answer, a note from its manager) are acknowledged.
 */
final class DemoWorker implements DemoAgent.Role {
    private final BosunTools tools;
    private final StreamJson out;
    private boolean done;
    private String waitingTask;

    DemoWorker(BosunTools tools, StreamJson out) {
        this.tools = tools;
        this.out = out;
    }

    @Override
    public void onMessage(String text) throws Exception {
        if (waitingTask != null) { // the operator's answer to the question asked below
            String task = waitingTask;
            waitingTask = null;
            work(task, text);
            return;
        }
        if (done) {
            out.say("Demo agent: noted.");
            out.result("noted", false);
            return;
        }
        if (text.contains("[demo:ask]")) {
            waitingTask = text;
            tools.call("ask_user", java.util.Map.of("question", "What should the note for \""
                    + text.lines().findFirst().orElse("").strip() + "\" say?"));
            out.result("waiting for the operator's answer", false);
            return;
        }
        work(text, null);
    }

    private void work(String text, String answer) throws Exception {
        done = true;
        String first = text.lines().findFirst().orElse("task").strip();
        String slug = first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Path file = Path.of("demo", (slug.isEmpty() ? "task" : slug.substring(0, Math.min(40, slug.length())))
                + "-" + UUID.randomUUID().toString().substring(0, 6) + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + first + "\n\nWritten by Bosun's demo agent (offline, no AI).\n\nThe task:\n\n"
                + text.strip() + "\n" + (answer == null ? "" : "\nThe operator said:\n\n" + answer.strip() + "\n"));
        out.toolCall("Bash", Map.of("command", "git add " + file + " && git commit -m 'demo: " + first + "'"));
        String log = git("add", file.toString()) + git("commit", "--quiet", "-m", "demo: " + first);
        String sha = git("rev-parse", "--short", "HEAD").strip();
        out.toolResult(log.isBlank() ? "committed " + sha : log);
        String summary = "Wrote " + file + " and committed it as " + sha + "."
                + (answer == null ? "" : " The operator said: " + answer.strip().lines().reduce((a, b) -> b).orElse(""));
        tools.call("report_result", Map.of("summary", summary));
        out.result(summary, false);
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output.strip());
        }
        return output;
    }
}
