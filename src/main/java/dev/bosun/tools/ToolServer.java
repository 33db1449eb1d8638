package dev.bosun.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bosun.domain.ToolEndpoint;
import dev.bosun.domain.Session;
import dev.bosun.engine.AgentOperations;
import dev.bosun.engine.Operations;
import dev.bosun.engine.ToolAccess;
import dev.bosun.store.Database;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bosun's MCP server: Streamable HTTP on 127.0.0.1 only, one surface per role ({@code /mcp/manager},
 * {@code /mcp/worker}, {@code /mcp/operator}), each request authorized by a bearer token that opens exactly one
 * surface for one session (or the operator). As the engine's {@link ToolAccess} it issues a session's token when its
 * agent starts and revokes it when the agent is gone.
 */
public final class ToolServer implements ToolAccess, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ToolServer.class);
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final Tokens tokens = new Tokens();
    /** The agents' surfaces, and the operator's on a server of its own: agents' slow calls never hold its threads. */
    private final Server agentServer;
    private final Server operatorServer;
    private final List<McpSyncServer> surfaces = new ArrayList<>();
    private final Map<Surface, List<String>> toolNames = new EnumMap<>(Surface.class);
    private final String operatorToken;
    private final int port;
    private final int operatorPort;

    private ToolServer(Operations operations, AgentOperations agents, Database db, String version)
            throws IOException {
        agentServer = new Server(threads("bosun-mcp", 32));
        operatorServer = new Server(threads("bosun-mcp-operator", 8));
        ServerConnector agentConnector = loopback(agentServer);
        ServerConnector operatorConnector = loopback(operatorServer);
        BearerFilter bearer = new BearerFilter(tokens);
        ServletContextHandler agentContext = context(bearer);
        ServletContextHandler operatorContext = context(bearer);
        Map<Surface, List<Tool>> bySurface = Map.of(Surface.MANAGER, AgentTools.manager(agents), Surface.WORKER,
                AgentTools.worker(agents), Surface.OPERATOR, OperatorTools.tools(operations, db));
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        for (Surface surface : Surface.values()) {
            HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider
                    .builder().jsonMapper(json).mcpEndpoint(surface.path()).maxRequestSize(MAX_REQUEST_BYTES)
                    .contextExtractor(req -> McpTransportContext.create(
                            Map.of(Grant.ATTRIBUTE, req.getAttribute(Grant.ATTRIBUTE))))
                    .build();
            List<Tool> tools = bySurface.get(surface);
            surfaces.add(McpServer.sync(transport).jsonMapper(json).serverInfo("bosun-" + surface.name()
                            .toLowerCase(), version)
                    .validateToolInputs(false) // Args checks them, with messages that say what to do
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                    .tools(ToolSpecs.of(tools)).build());
            toolNames.put(surface, tools.stream().map(Tool::name).toList());
            (surface == Surface.OPERATOR ? operatorContext : agentContext).addServlet(
                    new ServletHolder(surface.name().toLowerCase(), transport), surface.path());
        }
        agentServer.setHandler(agentContext);
        operatorServer.setHandler(operatorContext);
        try {
            agentServer.start();
            operatorServer.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("The MCP server could not start: " + e.getMessage(), e);
        }
        port = agentConnector.getLocalPort();
        operatorPort = operatorConnector.getLocalPort();
        operatorToken = tokens.issue(new Grant(Surface.OPERATOR, null, null));
    }

    private static QueuedThreadPool threads(String name, int max) {
        QueuedThreadPool threads = new QueuedThreadPool(max, 2);
        threads.setName(name);
        threads.setDaemon(true);
        return threads;
    }

    private static ServerConnector loopback(Server server) {
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1"); // loopback only: remote agents come in through an SSH tunnel
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    private static ServletContextHandler context(BearerFilter bearer) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(bearer), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new JsonRpcBodyFilter(MAX_REQUEST_BYTES)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        return context;
    }

    /** Starts the server on a free loopback port. */
    public static ToolServer start(Operations operations, AgentOperations agents, Database db, String version)
            throws IOException {
        ToolServer s = new ToolServer(operations, agents, db, version);
        log.info("MCP server listening on {} (agents) and {} (operator)", s.baseUrl(), s.url(Surface.OPERATOR));
        return s;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String url(Surface surface) {
        return surface == Surface.OPERATOR ? "http://127.0.0.1:" + operatorPort + surface.path()
                : baseUrl() + surface.path();
    }

    public List<String> toolNames(Surface surface) {
        return toolNames.get(surface);
    }

    /**
     * Writes the operator's endpoint and token to {@code file}, readable only by this user (created that way, then
     * moved into place, so the token is never readable by others even for a moment).
     */
    public void writeOperatorToken(Path file) throws IOException {
        dev.bosun.store.OwnerOnly.folder(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not POSIX (Windows): the data folder is in the user's profile
        }
        Files.writeString(tmp, "url=" + url(Surface.OPERATOR) + "\ntoken=" + operatorToken + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For tests: agents' requests waiting for a thread. */
    int agentRequestsWaiting() {
        return ((QueuedThreadPool) agentServer.getThreadPool()).getQueueSize();
    }

    /** For tests: the operator's token. */
    String operatorToken() {
        return operatorToken;
    }

    @Override
    public ToolEndpoint grant(Session session) {
        Surface surface = Surface.of(session.role());
        String token = tokens.issue(new Grant(surface, session.id(), session.objectiveId()));
        return new ToolEndpoint(url(surface), token, toolNames.get(surface));
    }

    @Override
    public void revoke(String sessionId) {
        tokens.revoke(sessionId);
    }

    @Override
    public void close() {
        for (McpSyncServer s : surfaces) {
            try {
                s.closeGracefully();
            } catch (RuntimeException e) {
                log.debug("Closing an MCP surface failed", e);
            }
        }
        stopQuietly();
    }

    private void stopQuietly() {
        for (Server server : List.of(agentServer, operatorServer)) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("Stopping the MCP server failed", e);
            }
        }
    }
}
