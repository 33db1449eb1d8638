package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.TranscriptKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Codex parser on lines recorded from {@code codex exec --json} 0.169.0. */
class CodexJsonParserTest {
    static final List<String> RECORDED = List.of(
            "{\"type\":\"thread.started\",\"thread_id\":\"01a2155b-188d-7971-be32-1e4ca2b3e066\"}",
            "{\"type\":\"turn.started\"}",
            "{\"type\":\"item.started\",\"item\":{\"id\":\"item_1\",\"type\":\"mcp_tool_call\",\"server\":\"bosun\","
                    + "\"tool\":\"list_objectives\",\"arguments\":{},\"result\":null,\"error\":null,"
                    + "\"status\":\"in_progress\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"mcp_tool_call\",\"server\":\"bosun\","
                    + "\"tool\":\"list_objectives\",\"arguments\":{},\"result\":{\"content\":[{\"type\":\"text\","
                    + "\"text\":\"[]\"}],\"structured_content\":null},\"error\":null,\"status\":\"completed\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_2\",\"type\":\"mcp_tool_call\",\"server\":\"bosun\","
                    + "\"tool\":\"list_objectives\",\"arguments\":{},\"result\":null,\"error\":{\"message\":"
                    + "\"MCP tool call requires approval, but approval policy is never\"},\"status\":\"failed\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_3\",\"type\":\"agent_message\",\"text\":\"done\"}}",
            "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":20,\"cached_input_tokens\":0,"
                    + "\"cache_write_input_tokens\":0,\"output_tokens\":10,\"reasoning_output_tokens\":0}}");

    @Test
    void recordedLinesBecomeTheThreadIdToolCallsTheAnswerAndTokens() {
        CodexJsonParser parser = new CodexJsonParser();
        List<AgentEvent> events = new ArrayList<>();
        RECORDED.forEach(l -> events.addAll(parser.parse(l)));

        assertThat(events.get(0)).isEqualTo(new AgentEvent.ConversationRef("01a2155b-188d-7971-be32-1e4ca2b3e066"));
        assertThat(events).contains(
                new AgentEvent.Output(TranscriptKind.TOOL_CALL, "list_objectives {}", "tool: list_objectives"),
                new AgentEvent.Output(TranscriptKind.TOOL_RESULT, "[]", null),
                new AgentEvent.Output(TranscriptKind.TOOL_RESULT,
                        "error: MCP tool call requires approval, but approval policy is never", null),
                new AgentEvent.Output(TranscriptKind.TEXT, "done", "done"),
                new AgentEvent.Output(TranscriptKind.USAGE, "30 tokens", "idle (turn complete)"),
                new AgentEvent.Usage(30, 0));
        assertThat(events.get(events.size() - 1)).isEqualTo(new AgentEvent.TurnEnded(false));
        assertThat(parser.lastResult()).isEqualTo("done");
        assertThat(parser.lastTurnFailed()).isFalse();
    }

    @Test
    void aFailedTurnAndOddLinesAreKeptNotThrown() {
        CodexJsonParser parser = new CodexJsonParser();

        assertThat(parser.parse("{\"type\":\"turn.failed\",\"error\":{\"message\":\"stream disconnected\"}}"))
                .containsExactly(new AgentEvent.Output(TranscriptKind.ERROR, "stream disconnected", "turn failed"),
                        new AgentEvent.TurnEnded(true));
        assertThat(parser.lastTurnFailed()).isTrue();
        assertThat(parser.parse("Reading additional input from stdin...")).containsExactly(
                new AgentEvent.Output(TranscriptKind.TEXT, "Reading additional input from stdin...", null));
        assertThat(parser.parse("{\"type\":\"item.completed\",\"item\":{}}")).hasSize(1);
        assertThat(parser.parse("[1,2]")).hasSize(1);
    }
}
