package dev.bosun.agent.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Bosun's offline demo agent: no AI, a separate process that is a real MCP client of Bosun's server, so a new user
 * sees the whole flow (manager, workers, commits, pull requests, the supervisor) in a minute without any CLI or
 * account. It speaks Claude Code's stream-json protocol and takes its flags, so Bosun runs it exactly as it runs
 * Claude Code.
 *
 * <p>Tags in the objective's prompt make the manager misbehave on purpose, to watch the supervisor work:
 * {@code [demo:quiet]} ends its first turn without doing anything, {@code [demo:ignore-poke]} also ignores the first
 * poke, {@code [demo:exit-early]} exits after its first turn (a resumed manager does not). A task line with
 * {@code [demo:ask]} makes its worker ask the operator first, and put the answer in its note.
 */
public final class DemoAgent {
    private DemoAgent() {}

    public static void main(String[] args) throws Exception {
        String mcpConfig = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--mcp-config")) {
                mcpConfig = args[i + 1];
            }
        }
        StreamJson out = new StreamJson(System.out);
        if (mcpConfig == null) {
            out.result("The demo agent needs Bosun's --mcp-config.", true);
            System.exit(2);
        }
        out.init("demo-" + UUID.randomUUID());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BosunTools tools = new BosunTools(mcpConfig, out)) {
            Role role = tools.has("spawn_worker") ? new DemoManager(tools, out) : new DemoWorker(tools, out);
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    try {
                        role.onMessage(StreamJson.messageText(line));
                    } catch (Exception e) {
                        out.result("The demo agent failed: " + e.getMessage(), true);
                        System.exit(1);
                    }
                }
            }
        }
        System.exit(0);
    }

    /** What the agent does with each message it reads; each call is one turn and ends with a result event. */
    interface Role {
        void onMessage(String text) throws Exception;
    }
}
