package dev.bosun.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted OpenAI Responses API on loopback, for driving the real Codex CLI offline: each {@code POST
 * /v1/responses} is answered by the script (text, or one call of a namespaced tool such as Bosun's
 * {@code mcp__bosun}) as the SSE events the real API streams.
 */
public final class ScriptedResponses implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Function<Request, Reply> script;
    private final List<Request> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ScriptedResponses(Function<Request, Reply> script) throws IOException {
        this.script = script;
        server = LoopbackHttp.start("scripted-responses", this::handle);
    }

    /** The {@code -c} flags that make Codex use this server as its model provider. */
    public List<String> codexArgs() {
        return List.of("-m", "gpt-scripted", "-c", "model_provider=scripted", "-c", "model_providers.scripted={name="
                + "\"scripted\",base_url=\"http://127.0.0.1:" + server.getAddress().getPort() + "/v1\",wire_api="
                + "\"responses\",env_key=\"SCRIPTED_OPENAI_API_KEY\",supports_websockets=false}");
    }

    /** The environment Codex needs for it: its own home (no user config) and the provider's key. */
    public static Map<String, String> codexEnv(Path codexHome) {
        return Map.of("CODEX_HOME", codexHome.toString(), "SCRIPTED_OPENAI_API_KEY", "sk-test-not-a-real-key");
    }

    public List<Request> requests() {
        return List.copyOf(seen);
    }

    /** Text that ends the turn, or one call of a tool in a namespace. */
    public record Reply(String text, String namespace, String tool, Map<String, ?> arguments) {
        public static Reply text(String text) {
            return new Reply(text, null, null, null);
        }

        public static Reply call(String namespace, String tool, Map<String, ?> arguments) {
            return new Reply(null, namespace, tool, arguments);
        }
    }

    /** One model request, read the way a script needs it. */
    public static final class Request {
        private final JsonNode body;

        Request(JsonNode body) {
            this.body = body;
        }

        /** All the user text and tool outputs the model sees. */
        public String allText() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : body.path("input")) {
                sb.append(item.path("content").findValuesAsText("text")).append(item.path("output").asText(""))
                        .append('\n');
            }
            return sb.toString();
        }

        /** The tools the model is offered, by name (a namespace's tools as {@code namespace/name}). */
        public List<String> toolNames() {
            List<String> out = new ArrayList<>();
            for (JsonNode tool : body.path("tools")) {
                String name = tool.path("name").asText();
                if (tool.has("tools")) {
                    for (JsonNode inner : tool.path("tools")) {
                        out.add(name + "/" + inner.path("name").asText());
                    }
                } else {
                    out.add(name);
                }
            }
            return out;
        }

        /** The tools called so far in this conversation, by name. */
        public List<String> toolCalls() {
            List<String> out = new ArrayList<>();
            for (JsonNode item : body.path("input")) {
                if (item.path("type").asText().equals("function_call")) {
                    out.add(item.path("name").asText());
                }
            }
            return out;
        }

        /** The output of the last tool call, or "" if the last item is not one. */
        public String lastToolOutput() {
            JsonNode input = body.path("input");
            JsonNode last = input.isEmpty() ? JSON.nullNode() : input.get(input.size() - 1);
            return last.path("type").asText().equals("function_call_output") ? last.path("output").toString() : "";
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().endsWith("/responses")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            Request request = new Request(JSON.readTree(ex.getRequestBody()));
            seen.add(request);
            Reply reply;
            try {
                reply = script.apply(request);
            } catch (RuntimeException e) {
                reply = Reply.text("script failed: " + e);
            }
            ex.getResponseHeaders().add("content-type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            String id = "resp_" + ids.incrementAndGet();
            ObjectNode created = JSON.createObjectNode().put("type", "response.created");
            created.putObject("response").put("id", id);
            event(out, created);
            ObjectNode item = JSON.createObjectNode();
            if (reply.tool() != null) {
                item.put("type", "function_call").put("id", "fc_" + ids.incrementAndGet())
                        .put("call_id", "call_" + ids.incrementAndGet()).put("name", reply.tool())
                        .put("arguments", JSON.writeValueAsString(reply.arguments())).put("status", "completed");
                if (reply.namespace() != null) { // an MCP server's tool; a built-in one (exec_command) has none
                    item.put("namespace", reply.namespace());
                }
            } else {
                item.put("type", "message").put("id", "msg_" + ids.incrementAndGet()).put("role", "assistant")
                        .put("status", "completed");
                item.putArray("content").addObject().put("type", "output_text").put("text", reply.text())
                        .putArray("annotations");
            }
            ObjectNode added = JSON.createObjectNode().put("type", "response.output_item.added").put("output_index", 0);
            added.set("item", item);
            event(out, added);
            ObjectNode done = JSON.createObjectNode().put("type", "response.output_item.done").put("output_index", 0);
            done.set("item", item);
            event(out, done);
            ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
            ObjectNode response = completed.putObject("response").put("id", id);
            response.putObject("usage").put("input_tokens", 100).put("output_tokens", 10).put("total_tokens", 110);
            event(out, completed);
        }
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
