package dev.bosun.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised reverse tunnel from an SSH host to a port on this machine ({@code ssh -N -R 0:127.0.0.1:<port>}), so
 * agents there reach Bosun's MCP server, which listens on loopback only. The SSH server picks the remote port; when the
 * connection drops it is reopened, after 1 s and then twice as long each time it fails again quickly (at most 60 s).
 * {@link #remotePort()} is empty while the tunnel is down.
 */
public final class ReverseTunnel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReverseTunnel.class);
    private static final Pattern ALLOCATED = Pattern.compile("Allocated port (\\d+) for remote forward");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final List<String> argv;
    private final String name;
    private final Thread supervisor;
    private final Object lock = new Object();
    private Integer remotePort;
    private Process process;
    private boolean closed;
    private int opened;

    public ReverseTunnel(SshExecutor target, int localPort) {
        this.argv = target.reverseTunnelArgs(localPort);
        this.name = target.describe();
        this.supervisor = new Thread(this::supervise, "bosun-tunnel-" + name);
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** The port on the SSH host that leads here, while the tunnel is up. */
    public Optional<Integer> remotePort() {
        synchronized (lock) {
            return Optional.ofNullable(remotePort);
        }
    }

    /** Waits up to {@code timeout} for the tunnel to be up. */
    public Optional<Integer> awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (remotePort == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return Optional.ofNullable(remotePort);
        }
    }

    /** How many times a connection was opened (1 + reopenings). */
    public int timesOpened() {
        synchronized (lock) {
            return opened;
        }
    }

    /** For tests: drops the current connection as a network failure would; it is reopened. */
    public void dropConnection() {
        synchronized (lock) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            long started = System.nanoTime();
            try {
                Process p;
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                            .start();
                    process = p;
                    opened++;
                }
                readUntilExit(p);
                log.warn("The tunnel to {} closed (ssh exited {}); reopening", name, p.waitFor());
            } catch (IOException e) {
                log.warn("Could not open the tunnel to {}: {}", name, e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                remotePort = null;
                process = null;
                if (closed) {
                    return;
                }
            }
            // a connection that lasted a while starts the backoff over; one that failed fast doubles it
            if (System.nanoTime() - started >= MAX_BACKOFF.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            try {
                Thread.sleep(backoff.toMillis()); // a backoff delay, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private void readUntilExit(Process p) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = ALLOCATED.matcher(line);
                if (m.find()) {
                    synchronized (lock) {
                        remotePort = Integer.parseInt(m.group(1));
                        lock.notifyAll();
                    }
                    log.info("Tunnel to {} is up: its port {} leads to Bosun", name, m.group(1));
                } else if (!line.isBlank()) {
                    log.info("ssh tunnel to {}: {}", name, line);
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            remotePort = null;
            if (process != null) {
                process.destroyForcibly();
            }
            lock.notifyAll();
        }
        supervisor.interrupt();
    }
}
