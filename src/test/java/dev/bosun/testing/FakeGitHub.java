package dev.bosun.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of GitHub's REST API that Bosun uses, on loopback, with response bodies shaped like the real ones: pull
 * requests (create, get), a commit's check runs and combined status, review comments and reviews. Tests set the state
 * a real repository would have; a token other than the expected one gets 401; the rate limit can be used up.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PULLS =
            Pattern.compile("/repos/([^/]+)/([^/]+)/pulls(?:/(\\d+))?(/comments|/reviews)?");
    private static final Pattern COMMIT =
            Pattern.compile("/repos/([^/]+)/([^/]+)/commits/([0-9a-f]+)/(check-runs|status)");

    private final HttpServer server;
    private final String token;
    private final AtomicInteger numbers = new AtomicInteger(41);
    /** number → pull request JSON. */
    public final Map<Integer, ObjectNode> pulls = new ConcurrentHashMap<>();
    /** sha → check runs array. */
    public final Map<String, ArrayNode> checkRuns = new ConcurrentHashMap<>();
    /** sha → combined status state ("success", "pending", "failure"), absent: no statuses. */
    public final Map<String, String> statuses = new ConcurrentHashMap<>();
    public final Map<Integer, ArrayNode> comments = new ConcurrentHashMap<>();
    public final Map<Integer, ArrayNode> reviews = new ConcurrentHashMap<>();
    public volatile boolean rateLimited;

    public FakeGitHub(String token) throws IOException {
        this.token = token;
        server = LoopbackHttp.start("fake-github", this::handle);
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A check run as GitHub reports it. */
    public static ObjectNode checkRun(String name, String status, String conclusion) {
        ObjectNode run = JSON.createObjectNode().put("id", Math.abs(name.hashCode())).put("name", name)
                .put("status", status);
        if (conclusion == null) {
            run.putNull("conclusion");
        } else {
            run.put("conclusion", conclusion);
        }
        return run;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{\"message\":\"Bad credentials\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\"}");
                return;
            }
            if (rateLimited) {
                ex.getResponseHeaders().add("x-ratelimit-remaining", "0");
                ex.getResponseHeaders().add("x-ratelimit-reset", "1795000000");
                reply(ex, 403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Matcher pulls = PULLS.matcher(path);
            Matcher commit = COMMIT.matcher(path);
            if (pulls.matches() && ex.getRequestMethod().equals("POST") && pulls.group(3) == null) {
                create(ex, pulls.group(1), pulls.group(2));
            } else if (pulls.matches() && pulls.group(3) != null) {
                int n = Integer.parseInt(pulls.group(3));
                if (!this.pulls.containsKey(n)) {
                    reply(ex, 404, "{\"message\":\"Not Found\"}");
                } else if (pulls.group(4) == null) {
                    reply(ex, 200, this.pulls.get(n).toString());
                } else {
                    Map<Integer, ArrayNode> list = pulls.group(4).equals("/comments") ? comments : reviews;
                    reply(ex, 200, list.getOrDefault(n, JSON.createArrayNode()).toString());
                }
            } else if (commit.matches() && commit.group(4).equals("check-runs")) {
                ArrayNode runs = checkRuns.getOrDefault(commit.group(3), JSON.createArrayNode());
                ObjectNode body = JSON.createObjectNode().put("total_count", runs.size());
                body.set("check_runs", runs);
                reply(ex, 200, body.toString());
            } else if (commit.matches()) {
                String state = statuses.get(commit.group(3));
                ObjectNode body = JSON.createObjectNode().put("state", state == null ? "pending" : state)
                        .put("sha", commit.group(3)).put("total_count", state == null ? 0 : 1);
                body.putArray("statuses");
                reply(ex, 200, body.toString());
            } else {
                reply(ex, 404, "{\"message\":\"Not Found\"}");
            }
        }
    }

    private void create(HttpExchange ex, String owner, String repo) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        for (ObjectNode pr : pulls.values()) {
            if (pr.path("head").path("ref").asText().equals(req.path("head").asText())
                    && pr.path("state").asText().equals("open")) {
                reply(ex, 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
                        + "\"code\":\"custom\",\"message\":\"A pull request already exists for " + owner + ":"
                        + req.path("head").asText() + ".\"}]}");
                return;
            }
        }
        int n = numbers.incrementAndGet();
        ObjectNode pr = JSON.createObjectNode().put("number", n).put("state", "open").put("draft", false)
                .put("merged", false).put("title", req.path("title").asText()).put("body", req.path("body").asText())
                .put("html_url", "https://github.com/" + owner + "/" + repo + "/pull/" + n);
        pr.putNull("mergeable");
        pr.putObject("head").put("ref", req.path("head").asText())
                .put("sha", "0123456789abcdef0123456789abcdef01234567");
        pr.putObject("base").put("ref", req.path("base").asText());
        pulls.put(n, pr);
        reply(ex, 201, pr.toString());
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
