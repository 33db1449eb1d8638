package dev.bosun.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Git's smart HTTP on loopback, as a forge serves it: {@code git http-backend} behind Basic authentication with one
 * user and password, so a test sees what a push sends and that a push without them is refused.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String expected;
    /** The Authorization headers it was sent, in order (null for none). */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** Serves the repositories under {@code root} to {@code user} with {@code password}. */
    public GitHttpServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The address of a repository under the root, e.g. {@code repo.git}. */
    public String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth);
            if (!expected.equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = pb.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REMOTE_USER", "test"); // authenticated: receive-pack is on
            env.put("REMOTE_ADDR", "127.0.0.1");
            env.put("REQUEST_METHOD", ex.getRequestMethod());
            env.put("PATH_INFO", ex.getRequestURI().getPath());
            env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            env.put("CONTENT_TYPE", type == null ? "" : type);
            String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) {
                env.put("HTTP_CONTENT_ENCODING", encoding);
            }
            Process p = pb.start();
            byte[] body = ex.getRequestBody().readAllBytes();
            Thread in = new Thread(() -> {
                try (OutputStream o = p.getOutputStream()) {
                    o.write(body);
                } catch (IOException ignored) {
                    // it read what it wanted
                }
            });
            in.start();
            byte[] out = p.getInputStream().readAllBytes();
            p.getErrorStream().transferTo(OutputStream.nullOutputStream());
            int headerEnd = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int skip = 4;
            if (headerEnd < 0) {
                headerEnd = indexOf(out, "\n\n".getBytes(StandardCharsets.ISO_8859_1));
                skip = 2;
            }
            int status = 200;
            for (String line : new String(out, 0, Math.max(headerEnd, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    ex.getResponseHeaders().add(name, value);
                }
            }
            int start = headerEnd < 0 ? 0 : headerEnd + skip;
            ex.sendResponseHeaders(status, out.length - start == 0 ? -1 : out.length - start);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out, start, out.length - start);
            }
        }
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
