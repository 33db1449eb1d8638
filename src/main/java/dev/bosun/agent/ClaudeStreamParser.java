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
    private double costSoFar;
    private long modelTokensSoFar;

    /**
     * A long-lived process restates its running total cost on every result (anthropics/claude-code#83239): the turn's
     * cost is the difference from the previous one.
     */
    private double turnCost(JsonNode result) {
        double total = result.path("total_cost_usd").asDouble(0);
        double turn = Math.max(0, total - costSoFar);
        costSoFar = Math.max(costSoFar, total);
        return turn;
    }

    /** Tokens of this turn: from the running per-model totals when given (as cost), else the result's usage. */
    private long turnTokens(JsonNode result) {
        JsonNode models = result.path("modelUsage");
        if (models.isObject() && models.size() > 0) {
            long total = 0;
            for (JsonNode m : models) {
                total += m.path("inputTokens").asLong(0) + m.path("outputTokens").asLong(0);
            }
            long turn = Math.max(0, total - modelTokensSoFar);
            modelTokensSoFar = Math.max(modelTokensSoFar, total);
            return turn;
        }
        JsonNode usage = result.path("usage");
        return usage.path("input_tokens").asLong(0) + usage.path("output_tokens").asLong(0);
    }

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
                long tokens = turnTokens(node);
                double cost = turnCost(node);
                out.add(new AgentEvent.Output(TranscriptKind.USAGE, tokens + " tokens, $"
                        + String.format(java.util.Locale.ROOT, "%.4f", cost) + ", " + node.path("num_turns").asInt(0)
                        + " turns" + (lastTurnFailed ? ", ended with an error: " + node.path("subtype").asText() : ""),
                        lastTurnFailed ? "turn failed" : "idle (turn complete)"));
                out.add(new AgentEvent.Usage(tokens, cost));
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
