package dev.bosun.engine;

import dev.bosun.agent.AgentStartException;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.ToolEndpoint;
import dev.bosun.exec.ReverseTunnel;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How agents on SSH targets reach Bosun's MCP server, which listens on this machine's loopback only: one supervised
 * reverse tunnel per SSH target, opened when an agent there first needs it and kept up (reopened when it drops) until
 * Bosun closes. Agents on the local target use the server directly.
 */
final class Tunnels implements AutoCloseable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);

    private final TargetExecutors executors;
    private final Map<String, ReverseTunnel> byTarget = new ConcurrentHashMap<>();

    Tunnels(TargetExecutors executors) {
        this.executors = executors;
    }

    /** Blocking (io threads): the endpoint as an agent on {@code target} reaches it. */
    ToolEndpoint reachableFrom(Target target, ToolEndpoint local) throws AgentStartException, InterruptedException {
        if (local == null || target == null || target.kind() == TargetKind.LOCAL) {
            return local;
        }
        URI url = URI.create(local.url());
        ReverseTunnel tunnel = byTarget.computeIfAbsent(target.id(), id -> new ReverseTunnel(
                executors.sshFor(target), url.getPort()));
        int port = tunnel.awaitPort(OPEN_TIMEOUT).orElseThrow(() -> new AgentStartException("the tunnel that lets "
                + "agents on " + target.name() + " reach Bosun is not up. Check that its SSH server allows remote "
                + "forwarding (AllowTcpForwarding yes or remote); Bosun keeps trying to open it."));
        return new ToolEndpoint("http://127.0.0.1:" + port + url.getPath(), local.token(), local.toolNames());
    }

    @Override
    public void close() {
        byTarget.values().forEach(ReverseTunnel::close);
        byTarget.clear();
    }
}
