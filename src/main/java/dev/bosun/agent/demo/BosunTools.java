package dev.bosun.agent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo agent's MCP client of Bosun's server, configured from the {@code --mcp-config} JSON Bosun gives Claude
 * Code (URL and bearer token). Each call is echoed to the transcript as a tool call and its result.
 */
final class BosunTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncClient client;
    private final StreamJson out;
    private final List<String> names;

    /** The outcome of one tool call. */
    record Outcome(boolean ok, String text) {}

    BosunTools(String mcpConfig, StreamJson out) throws Exception {
        this.out = out;
        JsonNode server = JSON.readTree(mcpConfig).path("mcpServers").path("bosun");
        URI url = URI.create(server.path("url").asText());
        String authorization = expand(server.path("headers").path("Authorization").asText());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(url.getScheme() + "://" + url.getAuthority()).endpoint(url.getPath())
                .jsonMapper(new JacksonMcpJsonMapper(JSON))
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", authorization))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(5))
                .clientInfo(new McpSchema.Implementation("bosun-demo-agent", "1")).build();
        client.initialize();
        names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    boolean has(String tool) {
        return names.contains(tool);
    }

    Outcome call(String tool, Map<String, Object> arguments) {
        out.toolCall("mcp__bosun__" + tool, arguments);
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        StringBuilder text = new StringBuilder();
        r.content().forEach(c -> {
            if (c instanceof McpSchema.TextContent t) {
                text.append(t.text());
            }
        });
        out.toolResult(text.toString());
        return new Outcome(!Boolean.TRUE.equals(r.isError()), text.toString());
    }

    /** {@code ${NAME}} replaced by the environment variable, as Claude Code does in an MCP config. */
    static String expand(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(System.getenv()
                    .getOrDefault(m.group(1), "")));
        }
        return m.appendTail(sb).toString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
