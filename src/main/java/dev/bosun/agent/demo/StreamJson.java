package dev.bosun.agent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;

/** The demo agent's side of Claude Code's stream-json protocol: user lines in, events out, one JSON object a line. */
final class StreamJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    StreamJson(PrintStream out) {
        this.out = out;
    }

    /** The text of one input line ({@code {"type":"user","message":{"content":…}}}); a plain line is its own text. */
    static String messageText(String line) {
        try {
            JsonNode content = JSON.readTree(line).path("message").path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder sb = new StringBuilder();
            content.forEach(block -> sb.append(block.path("text").asText()));
            return sb.toString();
        } catch (Exception e) {
            return line;
        }
    }

    void init(String sessionId) {
        emit(JSON.createObjectNode().put("type", "system").put("subtype", "init").put("session_id", sessionId));
    }

    void say(String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "assistant");
        event.putObject("message").putArray("content").addObject().put("type", "text").put("text", text);
        emit(event);
    }

    void toolCall(String name, Map<String, ?> input) {
        ObjectNode event = JSON.createObjectNode().put("type", "assistant");
        ObjectNode block = event.putObject("message").putArray("content").addObject().put("type", "tool_use")
                .put("name", name);
        block.set("input", JSON.valueToTree(input));
        emit(event);
    }

    void toolResult(String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "user");
        event.putObject("message").putArray("content").addObject().put("type", "tool_result").put("content", text);
        emit(event);
    }

    /** The end of a turn, with its result text. */
    void result(String text, boolean error) {
        ObjectNode event = JSON.createObjectNode().put("type", "result").put("subtype", error ? "error" : "success")
                .put("is_error", error).put("result", text).put("total_cost_usd", 0.0).put("num_turns", 1);
        event.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        emit(event);
    }

    private void emit(ObjectNode event) {
        synchronized (out) {
            out.println(event);
            out.flush();
        }
    }
}
