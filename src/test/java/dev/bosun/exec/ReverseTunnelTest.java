package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.testing.TestSshd;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reverse tunnel against the loopback sshd: the remote port leads here, and a dropped tunnel comes back. */
class ReverseTunnelTest {
    @Test
    void theRemotePortLeadsToTheLocalOneAndADroppedTunnelIsReopened() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ReverseTunnel tunnel = new ReverseTunnel(TestSshd.executor(), local.getLocalPort())) {
            Thread echo = new Thread(() -> {
                while (!local.isClosed()) {
                    try (Socket s = local.accept()) {
                        s.getOutputStream().write("bosun here\n".getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            echo.setDaemon(true);
            echo.start();

            int first = tunnel.awaitPort(Duration.ofSeconds(20)).orElseThrow();
            assertThat(greeting(first)).isEqualTo("bosun here");

            tunnel.dropConnection();
            waitUntil(() -> tunnel.timesOpened() >= 2 && tunnel.remotePort().isPresent());
            int second = tunnel.remotePort().orElseThrow();
            assertThat(greeting(second)).isEqualTo("bosun here");
        }
    }

    /** The sshd listens on the test host's loopback, so its forwarded port is reachable from here. */
    static String greeting(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(10), StandardCharsets.UTF_8);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(20); // polling a condition, with a deadline
        }
    }
}
