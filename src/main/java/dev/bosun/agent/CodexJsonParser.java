package dev.bosun.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.domain.TranscriptKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code codex exec --json} lines into agent events: {@code thread.started} gives the thread id (for
 * {@code codex exec resume}), items give messages, MCP tool calls and commands, {@code turn.completed} the tokens and
 * {@code turn.failed} what went wrong. A line that is not JSON is kept as text; nothing here throws.
 */
final class CodexJsonParser {
    private String lastResult = "";
    private boolean lastTurnFailed;

    List<AgentEvent> parse(String line) {
        List<AgentEvent> out = new ArrayList<>();
        Optional<JsonNode> parsed = JsonLines.object(line, out);
        if (parsed.isEmpty()) {
            return out;
        }
        JsonNode node = parsed.get();
        switch (node.path("type").asText()) {
            case "thread.started" -> out.add(new AgentEvent.ConversationRef(node.path("thread_id").asText()));
            case "turn.started" -> out.add(new AgentEvent.Output(TranscriptKind.STATUS, "codex: turn started",
                    "codex: working"));
            case "item.started" -> started(node.path("item"), out);
            case "item.completed" -> completed(node.path("item"), out);
            case "turn.completed" -> {
                JsonNode usage = node.path("usage");
                long tokens = usage.path("input_tokens").asLong(0) + usage.path("output_tokens").asLong(0);
                lastTurnFailed = false;
                out.add(new AgentEvent.Output(TranscriptKind.USAGE, tokens + " tokens", "idle (turn complete)"));
                out.add(new AgentEvent.Usage(tokens, 0));
                out.add(new AgentEvent.TurnEnded(false));
            }
            case "turn.failed" -> {
                lastTurnFailed = true;
                lastResult = JsonLines.clip(node.path("error").path("message").asText("the turn failed"));
                out.add(new AgentEvent.Output(TranscriptKind.ERROR, lastResult, "turn failed"));
                out.add(new AgentEvent.TurnEnded(true));
            }
            case "error" -> out.add(new AgentEvent.Output(TranscriptKind.ERROR, node.path("message").asText(line),
                    null));
            default -> out.add(new AgentEvent.Output(TranscriptKind.TEXT, line, null));
        }
        return out;
    }

    private void started(JsonNode item, List<AgentEvent> out) {
        String type = item.path("type").asText();
        if (type.equals("mcp_tool_call")) {
            out.add(new AgentEvent.Output(TranscriptKind.STATUS, "calling " + item.path("tool").asText(),
                    "tool: " + item.path("tool").asText()));
        } else if (type.equals("command_execution")) {
            out.add(new AgentEvent.Output(TranscriptKind.STATUS, "running " + item.path("command").asText(),
                    "running a command"));
        }
    }

    private void completed(JsonNode item, List<AgentEvent> out) {
        switch (item.path("type").asText()) {
            case "agent_message" -> {
                String text = item.path("text").asText();
                lastResult = JsonLines.clip(text);
                out.add(new AgentEvent.Output(TranscriptKind.TEXT, text, JsonLines.firstLine(text)));
            }
            case "mcp_tool_call" -> {
                out.add(new AgentEvent.Output(TranscriptKind.TOOL_CALL, item.path("tool").asText() + " "
                        + item.path("arguments"), "tool: " + item.path("tool").asText()));
                JsonNode error = item.path("error");
                String result = error.isObject() ? "error: " + error.path("message").asText()
                        : String.join("\n", item.path("result").path("content").findValuesAsText("text"));
                out.add(new AgentEvent.Output(TranscriptKind.TOOL_RESULT, JsonLines.clip(result), null));
            }
            case "command_execution" -> {
                out.add(new AgentEvent.Output(TranscriptKind.TOOL_CALL, "shell " + item.path("command").asText(),
                        null));
                String output = item.path("aggregated_output").asText("");
                out.add(new AgentEvent.Output(TranscriptKind.TOOL_RESULT, JsonLines.clip(output + " (exit "
                        + item.path("exit_code").asText("?") + ")"), null));
            }
            case "error" -> out.add(new AgentEvent.Output(TranscriptKind.ERROR, item.path("message").asText(), null));
            case "reasoning" -> out.add(new AgentEvent.Output(TranscriptKind.STATUS, item.path("text").asText(),
                    null));
            default -> out.add(new AgentEvent.Output(TranscriptKind.STATUS, item.toString(), null));
        }
    }

    String lastResult() {
        return lastResult;
    }

    boolean lastTurnFailed() {
        return lastTurnFailed;
    }
}
