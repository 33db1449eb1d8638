package dev.bosun.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bosun.engine.OperationRefused;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link Tool}s into the SDK's tool specifications: an input schema with {@code required} always an array and
 * no extra properties, and a call wrapper that never lets anything escape. A refusal, bad arguments or a timeout
 * come back as a tool result with {@code isError: true} and a message the agent can act on.
 */
final class ToolSpecs {
    private static final Logger log = LoggerFactory.getLogger(ToolSpecs.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final long TIMEOUT_SECONDS = 300; // a publish pushes over the network

    private ToolSpecs() {}

    static List<SyncToolSpecification> of(List<Tool> tools) {
        return tools.stream().map(ToolSpecs::spec).toList();
    }

    static Map<String, Object> schema(List<Param> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : params) {
            Map<String, Object> prop = new LinkedHashMap<>();
            prop.put("type", p.type().json);
            prop.put("description", p.description());
            if (p.type() == Param.Type.STRING) {
                prop.put("maxLength", p.maxLength());
            } else if (p.type() == Param.Type.STRING_LIST) {
                prop.put("items", Map.of("type", "string"));
                prop.put("maxItems", p.maxLength());
            }
            properties.put(p.name(), prop);
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static SyncToolSpecification spec(Tool tool) {
        McpSchema.Tool definition = McpSchema.Tool.builder().name(tool.name()).description(tool.description())
                .inputSchema(schema(tool.params())).build();
        return SyncToolSpecification.builder().tool(definition)
                .callHandler((exchange, request) -> call(tool, (Grant) exchange.transportContext().get(Grant.ATTRIBUTE),
                        request.arguments()))
                .build();
    }

    static McpSchema.CallToolResult call(Tool tool, Grant caller, Map<String, Object> arguments) {
        try {
            if (caller == null) {
                return error("Not authorized.");
            }
            Object result = tool.handler().call(caller, Args.check(arguments, tool.params()));
            if (result instanceof CompletableFuture<?> f) {
                result = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return McpSchema.CallToolResult.builder()
                    .addTextContent(result instanceof String s ? s : JSON.writeValueAsString(result)).build();
        } catch (Args.BadArguments e) {
            return error(e.getMessage());
        } catch (ExecutionException | CompletionException e) {
            return failure(tool, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return error(tool.name() + " did not finish within " + TIMEOUT_SECONDS + " s; it may still complete. "
                    + "Check its effect before trying again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("Bosun is shutting down.");
        } catch (Exception e) {
            return failure(tool, e);
        }
    }

    private static McpSchema.CallToolResult failure(Tool tool, Throwable cause) {
        if (cause instanceof OperationRefused) {
            return error(cause.getMessage());
        }
        log.error("Tool {} failed", tool.name(), cause);
        return error(tool.name() + " failed inside Bosun (" + cause.getClass().getSimpleName() + "); the operator "
                + "can find the details in Bosun's log.");
    }

    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
