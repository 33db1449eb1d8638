package dev.bosun.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare MCP Streamable HTTP client on {@code java.net.http}: it sends exactly the bytes a test wants (hostile ones
 * too) and reads the answer whether it comes as JSON or as an SSE stream.
 */
public final class McpHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String token;
    private final AtomicInteger ids = new AtomicInteger();
    private String sessionId;

    public McpHttp(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** A response: HTTP status and the JSON-RPC message (null when there is none). */
    public record Reply(int status, JsonNode body) {
        public JsonNode result() {
            return body.path("result");
        }

        /** The text of a tool result. */
        public String text() {
            return body.path("result").path("content").path(0).path("text").asText();
        }

        public boolean isToolError() {
            return body.path("result").path("isError").asBoolean(false);
        }
    }

    /** initialize + notifications/initialized; keeps the MCP session id. */
    public McpHttp initialize() throws IOException, InterruptedException {
        Reply r = request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "bosun-test", "version", "1")));
        if (r.status() != 200) {
            throw new IOException("initialize answered " + r.status() + ": " + r.body());
        }
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return this;
    }

    /** The MCP session this client opened (null before {@link #initialize}). */
    public String sessionId() {
        return sessionId;
    }

    /** This client, in the MCP session {@code id} (opened by whoever). */
    public McpHttp inSession(String id) {
        sessionId = id;
        return this;
    }

    /** Ends the MCP session: DELETE with its id; the HTTP status. */
    public int delete() throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).DELETE()
                .header("Mcp-Session-Id", sessionId);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public Reply request(String method, Object params) throws IOException, InterruptedException {
        ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        msg.set("params", JSON.valueToTree(params));
        return post(msg.toString());
    }

    public Reply callTool(String name, Map<String, ?> arguments) throws IOException, InterruptedException {
        return request("tools/call", Map.of("name", name, "arguments", arguments));
    }

    public Reply post(String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        res.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
        String text = res.body();
        if (res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            text = data.toString();
        }
        return new Reply(res.statusCode(), text.isBlank() ? null : JSON.readTree(text));
    }
}
