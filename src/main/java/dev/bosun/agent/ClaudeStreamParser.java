package dev.bosun.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.domain.TranscriptKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns Claude Code's {@code --output-format stream-json} lines into agent events: {@code system/init} gives the
 * conversation id (for resume), {@code assistant} text and tool calls, {@code user} tool results, and {@code result}
 * the end of a turn with tokens and cost. A line that is not JSON is kept as text; nothing here throws.
 */
final class ClaudeStreamParser {
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
            case "system" -> {
                if ("init".equals(node.path("subtype").asText()) && node.hasNonNull("session_id")) {
                    out.add(new AgentEvent.ConversationRef(node.get("session_id").asText()));
                }
                out.add(new AgentEvent.Output(TranscriptKind.STATUS, "claude: " + node.path("subtype").asText(),
                        "claude: " + node.path("subtype").asText()));
            }
            case "assistant" -> {
                for (JsonNode block : node.path("message").path("content")) {
                    String kind = block.path("type").asText();
                    if (kind.equals("text")) {
                        String text = block.path("text").asText();
                        out.add(new AgentEvent.Output(TranscriptKind.TEXT, text, JsonLines.firstLine(text)));
                    } else if (kind.equals("tool_use")) {
                        String name = block.path("name").asText();
                        out.add(new AgentEvent.Output(TranscriptKind.TOOL_CALL, name + " " + block.path("input"),
                                "tool: " + name));
                    }
                }
            }
            case "user" -> {
                for (JsonNode block : node.path("message").path("content")) {
                    if (block.path("type").asText().equals("tool_result")) {
                        JsonNode content = block.path("content");
                        String text = content.isTextual() ? content.asText() : content.toString();
                        out.add(new AgentEvent.Output(TranscriptKind.TOOL_RESULT, JsonLines.clip(text), null));
                    }
                }
            }
            case "result" -> {
                lastTurnFailed = node.path("is_error").asBoolean(false);
                lastResult = JsonLines.clip(node.path("result").asText(""));
                JsonNode usage = node.path("usage");
                long tokens = usage.path("input_tokens").asLong(0) + usage.path("output_tokens").asLong(0);
                out.add(new AgentEvent.Output(TranscriptKind.USAGE, tokens + " tokens, $"
                        + node.path("total_cost_usd").asDouble(0) + ", " + node.path("num_turns").asInt(0)
                        + " turns" + (lastTurnFailed ? ", ended with an error: " + node.path("subtype").asText() : ""),
                        lastTurnFailed ? "turn failed" : "idle (turn complete)"));
                out.add(new AgentEvent.Usage(tokens, node.path("total_cost_usd").asDouble(0)));
                out.add(new AgentEvent.TurnEnded(lastTurnFailed));
            }
            default -> out.add(new AgentEvent.Output(TranscriptKind.TEXT, line, null));
        }
        return out;
    }

    /** The last turn's result text: what the agent reported when it finished. */
    String lastResult() {
        return lastResult;
    }

    boolean lastTurnFailed() {
        return lastTurnFailed;
    }
}
