package dev.bosun.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted Anthropic Messages API on loopback, for driving the real Claude Code CLI offline. Each model request is
 * answered by the script from the conversation so far (text, or one tool call), streamed as the same SSE events the
 * real API sends. Requests without tools (the CLI's side calls) get a plain "ok". Every request is kept, so a test
 * can check what the model was shown.
 */
public final class ScriptedModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Function<Conversation, Reply> script;
    private final List<Conversation> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ScriptedModel(Function<Conversation, Reply> script) throws IOException {
        this.script = script;
        server = LoopbackHttp.start("scripted-model", this::handle);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The agent conversations the model was asked to continue (side calls left out), in order. */
    public List<Conversation> conversations() {
        return List.copyOf(seen);
    }

    /** What the model answers: text that ends the turn, or one tool call. */
    public record Reply(String text, String tool, Map<String, ?> input) {
        public static Reply text(String text) {
            return new Reply(text, null, null);
        }

        public static Reply tool(String name, Map<String, ?> input) {
            return new Reply(null, name, input);
        }
    }

    /** A request's conversation, read the way a script needs it. */
    public static final class Conversation {
        private final JsonNode request;

        Conversation(JsonNode request) {
            this.request = request;
        }

        /** All text the model sees: system prompt, messages, tool results. */
        public String allText() {
            StringBuilder sb = new StringBuilder(request.path("system").toString());
            for (JsonNode m : request.path("messages")) {
                sb.append('\n').append(text(m));
            }
            return sb.toString();
        }

        /** The text of the first user message (the agent's prompt). */
        public String firstUserText() {
            for (JsonNode m : request.path("messages")) {
                if (m.path("role").asText().equals("user")) {
                    return text(m);
                }
            }
            return "";
        }

        /** The text of the last message, which is the user's (a new message or a tool result). */
        public String lastUserText() {
            JsonNode messages = request.path("messages");
            return messages.isEmpty() ? "" : text(messages.get(messages.size() - 1));
        }

        /** The tools the assistant called so far in this conversation, by name, in order. */
        public List<String> toolCalls() {
            List<String> out = new ArrayList<>();
            for (JsonNode m : request.path("messages")) {
                for (JsonNode block : m.path("content")) {
                    if (block.path("type").asText().equals("tool_use")) {
                        out.add(block.path("name").asText());
                    }
                }
            }
            return out;
        }

        public List<String> toolNames() {
            return request.path("tools").findValuesAsText("name");
        }

        private static String text(JsonNode message) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode block : content) {
                switch (block.path("type").asText()) {
                    case "text" -> sb.append(block.path("text").asText()).append('\n');
                    case "tool_result" -> {
                        JsonNode c = block.path("content");
                        sb.append(c.isTextual() ? c.asText() : c.findValuesAsText("text").toString()).append('\n');
                    }
                    default -> { }
                }
            }
            return sb.toString();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("POST") || !path.endsWith("/v1/messages")) {
                byte[] body = (path.endsWith("/v1/models") ? "{\"data\":[],\"has_more\":false}" : "{}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("content-type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            JsonNode request = JSON.readTree(ex.getRequestBody());
            Reply reply;
            if (request.path("tools").isEmpty()) {
                reply = Reply.text("ok");
            } else {
                Conversation c = new Conversation(request);
                seen.add(c);
                try {
                    reply = script.apply(c);
                } catch (RuntimeException e) {
                    reply = Reply.text("script failed: " + e);
                }
            }
            if (request.path("stream").asBoolean(false)) {
                stream(ex, reply);
            } else {
                whole(ex, reply);
            }
        }
    }

    private ObjectNode block(Reply reply) {
        ObjectNode block = JSON.createObjectNode();
        if (reply.tool() != null) {
            block.put("type", "tool_use").put("id", "toolu_" + ids.incrementAndGet()).put("name", reply.tool());
        } else {
            block.put("type", "text");
        }
        return block;
    }

    private ObjectNode message() {
        ObjectNode m = JSON.createObjectNode().put("id", "msg_" + ids.incrementAndGet()).put("type", "message")
                .put("role", "assistant").put("model", "claude-scripted");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", 100).put("output_tokens", 10);
        return m;
    }

    private void whole(HttpExchange ex, Reply reply) throws IOException {
        ObjectNode m = message();
        ObjectNode block = block(reply);
        if (reply.tool() != null) {
            block.set("input", JSON.valueToTree(reply.input()));
        } else {
            block.put("text", reply.text());
        }
        m.putArray("content").add(block);
        m.put("stop_reason", reply.tool() != null ? "tool_use" : "end_turn");
        byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private void stream(HttpExchange ex, Reply reply) throws IOException {
        ex.getResponseHeaders().add("content-type", "text/event-stream");
        ex.getResponseHeaders().add("cache-control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode m = message();
        m.putArray("content");
        start.set("message", m);
        event(out, start);
        ObjectNode block = block(reply);
        if (reply.tool() != null) {
            block.putObject("input");
        } else {
            block.put("text", "");
        }
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.set("content_block", block);
        event(out, blockStart);
        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        if (reply.tool() != null) {
            delta.putObject("delta").put("type", "input_json_delta")
                    .put("partial_json", JSON.writeValueAsString(reply.input()));
        } else {
            delta.putObject("delta").put("type", "text_delta").put("text", reply.text());
        }
        event(out, delta);
        event(out, JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", reply.tool() != null ? "tool_use" : "end_turn")
                .putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", 10);
        event(out, end);
        event(out, JSON.createObjectNode().put("type", "message_stop"));
        out.flush();
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("event: " + data.path("type").asText() + "\ndata: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
