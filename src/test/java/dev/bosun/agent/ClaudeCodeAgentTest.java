package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.ToolEndpoint;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.exec.LocalExecutor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude Code provider against a stand-in CLI that speaks the same stream-json protocol (the real CLI against a
 * scripted model server comes with the MCP tools).
 */
class ClaudeCodeAgentTest {
    @TempDir
    Path dir;
    Path fake;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void installFake() throws Exception {
        fake = dir.resolve("claude");
        try (InputStream in = getClass().getResourceAsStream("/dev/bosun/agent/fake-claude")) {
            Files.write(fake, in.readAllBytes());
        }
        fake.toFile().setExecutable(true);
    }

    ClaudeCodeAgent agent() {
        return new ClaudeCodeAgent(fake.toString(), List.of(),
                Map.of());
    }

    AgentLaunch launch(SessionMode mode, String prompt, String resume) {
        return new AgentLaunch("ses_01m8aaaaaaaaaaaaaaaa", "obj_1", SessionRole.WORKER, mode, prompt, resume, dir, null,
                new LocalExecutor());
    }

    void await(Predicate<List<AgentEvent>> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s; events: " + events);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between probes, leave the cores to the work
        }
    }

    static long count(List<AgentEvent> events, TranscriptKind kind) {
        return events.stream().filter(e -> e instanceof AgentEvent.Output o && o.kind() == kind).count();
    }

    @Test
    void itsToolsArePreApprovedByNameForItsRoleAndItsTokenTravelsOnlyInTheEnvironment() throws Exception {
        Path echo = dir.resolve("echo-claude");
        Files.writeString(echo, "#!/bin/sh\nfor a in \"$@\"; do echo \"ARG $a\"; done\necho \"TOKEN $BOSUN_MCP_TOKEN\"\n");
        echo.toFile().setExecutable(true);
        ToolEndpoint tools = new ToolEndpoint("http://127.0.0.1:9/mcp/worker", "s3cret-token",
                List.of("report_result", "ask_user"));
        new ClaudeCodeAgent(echo.toString(), List.of(), Map.of()).start(new AgentLaunch(
                "ses_1", "obj_1", SessionRole.WORKER, SessionMode.NON_INTERACTIVE, "go", null, dir, tools, new LocalExecutor()), events::add);
        await(e -> e.stream().anyMatch(x -> x instanceof AgentEvent.Exited));

        List<String> lines = events.stream().filter(e -> e instanceof AgentEvent.Output).map(e ->
                ((AgentEvent.Output) e).text()).toList();
        assertThat(lines).contains("ARG --allowedTools=Bash,Read,Edit,Write,Glob,Grep,mcp__bosun__report_result,"
                + "mcp__bosun__ask_user", "ARG acceptEdits", "TOKEN s3cret-token");
        assertThat(lines).filteredOn(l -> l.startsWith("ARG ")).noneMatch(l -> l.contains("s3cret-token"))
                .anyMatch(l -> l.contains("\"url\":\"http://127.0.0.1:9/mcp/worker\"")
                        && l.contains("Bearer ${BOSUN_MCP_TOKEN}"));
    }

    @Test
    void aOneShotSessionRunsItsTurnAndExitsWithItsResult() throws Exception {
        agent().start(launch(SessionMode.NON_INTERACTIVE, "fix the bug", null), events::add);
        await(e -> e.stream().anyMatch(x -> x instanceof AgentEvent.Exited));
        assertThat(events.get(0)).isEqualTo(new AgentEvent.ConversationRef("sess-123"));
        assertThat(events).contains(new AgentEvent.Output(TranscriptKind.TEXT, "heard: fix the bug", "heard: fix the bug"),
                new AgentEvent.Output(TranscriptKind.TOOL_CALL, "Bash {\"command\":\"ls\"}", "tool: Bash"),
                new AgentEvent.Output(TranscriptKind.TOOL_RESULT, "README.md", null));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AgentEvent.Output.class,
                o -> assertThat(o.text()).isEqualTo("15 tokens, $0.0010, 1 turns")));
        assertThat(events.get(events.size() - 1)).isEqualTo(new AgentEvent.Exited(true, "done with: fix the bug"));
    }

    @Test
    void anInteractiveSessionTakesEachMessageAsANewTurnOnItsStdin() throws Exception {
        AgentRun run = agent().start(launch(SessionMode.INTERACTIVE, "plan it", null), events::add);
        await(e -> count(e, TranscriptKind.USAGE) == 1);
        run.send("you went quiet: where does it stand?");
        await(e -> count(e, TranscriptKind.USAGE) == 2);
        assertThat(events).contains(new AgentEvent.Output(TranscriptKind.TEXT,
                "heard: you went quiet: where does it stand?", "heard: you went quiet: where does it stand?"));
        assertThat(run.alive()).isTrue();
        run.cancel();
        await(e -> e.stream().anyMatch(x -> x instanceof AgentEvent.Exited));
        assertThat(run.alive()).isFalse();
    }

    @Test
    void anAgentThatStopsReadingItsInputNeverHoldsTheSenderAndItsBacklogIsRefused() throws Exception {
        Path deaf = dir.resolve("deaf-claude");
        Files.writeString(deaf, "#!/bin/sh\necho '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\"}'\n"
                + "exec sleep 600\n"); // alive, reading nothing: its 64 KiB pipe fills
        deaf.toFile().setExecutable(true);
        AgentRun run = new ClaudeCodeAgent(deaf.toString(), List.of(), Map.of())
                .start(launch(SessionMode.INTERACTIVE, "plan it", null), events::add);
        await(e -> e.contains(new AgentEvent.ConversationRef("s")));
        String big = "x".repeat(128 * 1024); // more than a pipe holds: the first write already waits

        // each send returns at once (the engine thread calls it), whatever the pipe does
        List<java.util.concurrent.CompletableFuture<Boolean>> sent = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> java.util.stream.IntStream.range(0, AgentInput.MAX_PENDING + 4)
                        .mapToObj(i -> run.send(big)).toList())
                .get(20, TimeUnit.SECONDS);

        assertThat(sent.subList(AgentInput.MAX_PENDING, sent.size()))
                .allSatisfy(f -> assertThat(f).isCompletedWithValue(false));
        assertThat(sent.subList(0, AgentInput.MAX_PENDING)).noneMatch(f -> f.isDone()); // waiting for room
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AgentEvent.Output.class, o ->
                assertThat(o.text()).contains("has not read its last " + AgentInput.MAX_PENDING + " messages")));

        run.cancel(); // the pipe breaks: what waited is not written, and says so
        java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        assertThat(sent.get(AgentInput.MAX_PENDING - 1)).isCompletedWithValue(false);
    }

    @Test
    void aResumedSessionContinuesItsConversation() throws Exception {
        agent().start(launch(SessionMode.NON_INTERACTIVE, "go on", "sess-123"), events::add);
        await(e -> e.stream().anyMatch(x -> x instanceof AgentEvent.Exited));
        assertThat(events.get(0)).isEqualTo(new AgentEvent.ConversationRef("resumed-sess-123"));
    }

    @Test
    void aMissingCliIsAClearStartError() {
        ClaudeCodeAgent missing = new ClaudeCodeAgent(dir.resolve("nope").toString(), List.of(),
                Map.of());
        assertThatThrownBy(() -> missing.start(launch(SessionMode.INTERACTIVE, "x", null), events::add))
                .isInstanceOf(AgentStartException.class)
                .hasMessageContaining("is not installed on local").hasMessageContaining("npm install");
    }

    @Test
    void aLongLivedProcessRestatesItsRunningTotalsSoEachTurnCountsOnlyItsOwnShare() {
        ClaudeStreamParser parser = new ClaudeStreamParser();
        String first = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"total_cost_usd\":0.01,"
                + "\"usage\":{\"input_tokens\":90,\"output_tokens\":10},"
                + "\"modelUsage\":{\"claude-x\":{\"inputTokens\":100,\"outputTokens\":20}}}";
        String second = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"total_cost_usd\":0.03,"
                + "\"usage\":{\"input_tokens\":50,\"output_tokens\":5},"
                + "\"modelUsage\":{\"claude-x\":{\"inputTokens\":250,\"outputTokens\":45}}}";

        assertThat(parser.parse(first)).contains(new AgentEvent.Usage(120, 0.01));
        assertThat(parser.parse(second)).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AgentEvent.Usage.class,
                u -> {
                    assertThat(u.tokens()).isEqualTo(175);
                    assertThat(u.costUsd()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
                }));
    }

    @Test
    void theParserKeepsOddLinesAndReportsAFailedTurn() {
        ClaudeStreamParser parser = new ClaudeStreamParser();
        assertThat(parser.parse("plain text from a hook")).containsExactly(
                new AgentEvent.Output(TranscriptKind.TEXT, "plain text from a hook", null));
        assertThat(parser.parse("{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,"
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}")).satisfiesExactly(e ->
                assertThat(((AgentEvent.Output) e).text()).contains("ended with an error: error_max_turns"),
                e -> assertThat(e).isEqualTo(new AgentEvent.Usage(3, 0)),
                e -> assertThat(e).isEqualTo(new AgentEvent.TurnEnded(true)));
        assertThat(parser.lastTurnFailed()).isTrue();
        assertThat(parser.parse("{not json")).hasSize(1);
        assertThat(parser.parse("")).isEmpty();
        assertThat(ClaudeCodeAgent.userLine("say \"hi\"\nand bye")).isEqualTo(
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"say \\\"hi\\\"\\nand bye\"}]}}");
    }
}
