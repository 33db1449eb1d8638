package dev.bosun.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of GitHub's REST API that Bosun uses, on loopback, with response bodies shaped like the real ones: pull
 * requests (create, get, edit, merge, comment), a commit's check runs and combined status, review comments and
 * reviews. Tests set the state a real repository would have; backed by a real repository ({@link #backedBy}), a PR's
 * head is its branch there and a merge is a real merge commit. A token other than the expected one gets 401; the rate
 * limit can be used up.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PULLS =
            Pattern.compile("/repos/([^/]+)/([^/]+)/pulls(?:/(\\d+))?(/comments|/reviews|/merge|/files)?");
    private static final Pattern COMPARE = Pattern.compile("/repos/([^/]+)/([^/]+)/compare/(.+)\\.\\.\\.([0-9a-f]+)");
    private static final Pattern CONTENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/contents/(.+)");
    private static final Pattern BLOB = Pattern.compile("/repos/([^/]+)/([^/]+)/git/blobs/([0-9a-f]+)");
    private static final Pattern ISSUE_COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");
    private static final Pattern COMMIT =
            Pattern.compile("/repos/([^/]+)/([^/]+)/commits/([0-9a-f]+)/(check-runs|status)");

    private final HttpServer server;
    private final String token;
    private final AtomicInteger numbers = new AtomicInteger(41);
    /** number → pull request JSON. */
    public final Map<Integer, ObjectNode> pulls = new ConcurrentHashMap<>();
    /** sha → check runs array. */
    public final Map<String, ArrayNode> checkRuns = new ConcurrentHashMap<>();
    /** sha → the statuses of a commit (context, state, description), absent: none. */
    public final Map<String, ArrayNode> statuses = new ConcurrentHashMap<>();
    /** number → the issue comments posted on a PR. */
    public final Map<Integer, ArrayNode> issueComments = new ConcurrentHashMap<>();
    public final Map<Integer, ArrayNode> comments = new ConcurrentHashMap<>();
    public final Map<Integer, ArrayNode> reviews = new ConcurrentHashMap<>();
    public volatile boolean rateLimited;
    /** How many GETs were answered 304 Not Modified (which GitHub does not count against the rate limit). */
    public final AtomicInteger notModified = new AtomicInteger();
    private volatile Path repository;
    private volatile Map<String, String> gitEnv = Map.of();

    public FakeGitHub(String token) throws IOException {
        this.token = token;
        server = LoopbackHttp.start("fake-github", this::handle);
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** PR heads are read from this bare repository, and merges are made in it, as GitHub does in its own. */
    public FakeGitHub backedBy(Path bareRepository, Map<String, String> env) {
        this.repository = bareRepository;
        this.gitEnv = env;
        return this;
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

    /** A failed check run with the output GitHub shows for it. */
    public static ObjectNode failedRun(String name, String title, String summary, String text) {
        ObjectNode run = checkRun(name, "completed", "failure");
        run.put("html_url", "https://github.com/acme/app/runs/" + Math.abs(name.hashCode()));
        run.putObject("output").put("title", title).put("summary", summary).put("text", text);
        return run;
    }

    /** One commit status. */
    public static ObjectNode status(String context, String state, String description) {
        return JSON.createObjectNode().put("context", context).put("state", state).put("description", description)
                .put("target_url", "https://ci.example.com/" + context);
    }

    /** A review comment on a line of the diff. */
    public static ObjectNode reviewComment(long id, String author, String path, String body) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("path", path).put("body", body).put("line", 3);
        c.putObject("user").put("login", author);
        return c;
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
            String path = ex.getRequestURI().getPath().replaceFirst("^/api/v3", ""); // also as GitHub Enterprise
            Matcher pulls = PULLS.matcher(path);
            Matcher commit = COMMIT.matcher(path);
            Matcher onIssue = ISSUE_COMMENTS.matcher(path);
            String method = ex.getRequestMethod();
            if (pulls.matches() && method.equals("POST") && pulls.group(3) == null) {
                create(ex, pulls.group(1), pulls.group(2));
            } else if (pulls.matches() && method.equals("GET") && pulls.group(3) == null) {
                // ?state=open&head=owner:branch, as GitHub filters its list
                String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
                String head = java.util.Arrays.stream(query.split("&")).filter(q -> q.startsWith("head="))
                        .map(q -> q.substring(5).replaceFirst("^[^:]*:", "")).findFirst().orElse(null);
                ArrayNode list = JSON.createArrayNode();
                this.pulls.values().stream().filter(pr -> pr.path("state").asText().equals("open"))
                        .filter(pr -> head == null || pr.path("head").path("ref").asText().equals(head))
                        .forEach(pr -> list.add(withHead(pr)));
                reply(ex, 200, list.toString());
            } else if (pulls.matches() && pulls.group(3) != null
                    && !this.pulls.containsKey(Integer.parseInt(pulls.group(3)))) {
                reply(ex, 404, "{\"message\":\"Not Found\"}");
            } else if (pulls.matches() && pulls.group(3) != null) {
                int n = Integer.parseInt(pulls.group(3));
                ObjectNode pr = this.pulls.get(n);
                if (pulls.group(4) == null && method.equals("PATCH")) {
                    JsonNode req = JSON.readTree(ex.getRequestBody());
                    req.properties().forEach(f -> pr.set(f.getKey(), f.getValue()));
                    reply(ex, 200, withHead(pr).toString());
                } else if (pulls.group(4) == null) {
                    reply(ex, 200, withHead(pr).toString());
                } else if (pulls.group(4).equals("/merge")) {
                    merge(ex, n, pr);
                } else if (pulls.group(4).equals("/files")) {
                    files(ex, withHead(pr));
                } else {
                    Map<Integer, ArrayNode> list = pulls.group(4).equals("/comments") ? comments : reviews;
                    reply(ex, 200, list.getOrDefault(n, JSON.createArrayNode()).toString());
                }
            } else if (COMPARE.matcher(path).matches() && repository != null) {
                Matcher m = COMPARE.matcher(path);
                m.matches();
                String base = git("merge-base", "refs/heads/" + m.group(3), m.group(4));
                ObjectNode body = JSON.createObjectNode().put("status", "diverged");
                body.putObject("merge_base_commit").put("sha", base);
                reply(ex, base == null ? 404 : 200, base == null ? "{\"message\":\"Not Found\"}" : body.toString());
            } else if (CONTENTS.matcher(path).matches() && repository != null) {
                Matcher m = CONTENTS.matcher(path);
                m.matches();
                String ref = query(ex, "ref");
                contents(ex, ref + ":" + m.group(3), m.group(3));
            } else if (BLOB.matcher(path).matches() && repository != null) {
                Matcher m = BLOB.matcher(path);
                m.matches();
                byte[] bytes = gitBytes("cat-file", "blob", m.group(3));
                reply(ex, bytes == null ? 404 : 200, bytes == null ? "{\"message\":\"Not Found\"}"
                        : JSON.createObjectNode().put("sha", m.group(3)).put("size", bytes.length)
                        .put("encoding", "base64").put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes))
                        .toString());
            } else if (onIssue.matches() && method.equals("POST")) {
                JsonNode req = JSON.readTree(ex.getRequestBody());
                issueComments.computeIfAbsent(Integer.parseInt(onIssue.group(3)), k -> JSON.createArrayNode())
                        .addObject().put("body", req.path("body").asText());
                reply(ex, 201, "{\"id\":1}");
            } else if (commit.matches() && commit.group(4).equals("check-runs")) {
                ArrayNode runs = checkRuns.getOrDefault(commit.group(3), JSON.createArrayNode());
                ObjectNode body = JSON.createObjectNode().put("total_count", runs.size());
                body.set("check_runs", runs);
                reply(ex, 200, body.toString());
            } else if (commit.matches()) {
                ArrayNode list = statuses.getOrDefault(commit.group(3), JSON.createArrayNode());
                String state = "success";
                for (JsonNode st : list) {
                    String one = st.path("state").asText();
                    if (one.equals("failure") || one.equals("error")) {
                        state = "failure";
                    } else if (one.equals("pending") && state.equals("success")) {
                        state = "pending";
                    }
                }
                ObjectNode body = JSON.createObjectNode().put("state", list.isEmpty() ? "pending" : state)
                        .put("sha", commit.group(3)).put("total_count", list.size());
                body.set("statuses", list);
                reply(ex, 200, body.toString());
            } else {
                reply(ex, 404, "{\"message\":\"Not Found\"}");
            }
        }
    }

    /** Files over this size answer their contents without the content, as GitHub does over 1 MB. */
    public volatile int contentsLimit = 1024 * 1024;

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        return java.util.Arrays.stream(q.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).findFirst().orElse("");
    }

    /** A PR's files as GitHub lists them (from where its head left the base), a page at a time. */
    private void files(HttpExchange ex, ObjectNode pr) throws IOException {
        String head = pr.path("head").path("sha").asText();
        String base = git("merge-base", "refs/heads/" + pr.path("base").path("ref").asText(), head);
        String[] names = git("diff", "-M", "-z", "--name-status", base, head).split("\0");
        String[] counts = git("diff", "-M", "-z", "--numstat", base, head).split("\0");
        ArrayNode all = JSON.createArrayNode();
        for (int i = 0, n = 0; i + 1 < names.length; ) {
            char kind = names[i].charAt(0);
            boolean renamed = kind == 'R';
            ObjectNode f = all.addObject().put("filename", names[i + (renamed ? 2 : 1)])
                    .put("status", switch (kind) {
                        case 'A' -> "added";
                        case 'D' -> "removed";
                        case 'R' -> "renamed";
                        default -> "modified";
                    });
            if (renamed) {
                f.put("previous_filename", names[i + 1]);
            }
            String[] c = counts[n].split("\t");
            boolean binary = c[0].equals("-");
            f.put("additions", binary ? 0 : Integer.parseInt(c[0])).put("deletions", binary ? 0 : Integer.parseInt(c[1]));
            if (!binary) {
                f.put("patch", "@@ …");
            }
            i += renamed ? 3 : 2;
            n += renamed ? 3 : 1;
        }
        int page = Integer.parseInt(query(ex, "page").isEmpty() ? "1" : query(ex, "page"));
        int per = Integer.parseInt(query(ex, "per_page").isEmpty() ? "30" : query(ex, "per_page"));
        ArrayNode slice = JSON.createArrayNode();
        for (int k = (page - 1) * per; k < Math.min(all.size(), page * per); k++) {
            slice.add(all.get(k));
        }
        reply(ex, 200, slice.toString());
    }

    private void contents(HttpExchange ex, String object, String path) throws IOException {
        String sha = git("rev-parse", "--verify", "--quiet", object);
        byte[] bytes = sha == null ? null : gitBytes("cat-file", "blob", sha);
        if (bytes == null) {
            reply(ex, 404, "{\"message\":\"Not Found\"}");
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("type", "file").put("path", path).put("sha", sha)
                .put("size", bytes.length);
        if (bytes.length > contentsLimit) {
            body.put("encoding", "none").put("content", "");
        } else {
            body.put("encoding", "base64").put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes));
        }
        reply(ex, 200, body.toString());
    }

    private byte[] gitBytes(String... args) {
        try {
            java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("git", "--git-dir="
                    + repository));
            argv.addAll(java.util.List.of(args));
            ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(gitEnv);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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

    /** The PR's head commit, as GitHub reports it now. */
    public String head(int number) {
        return withHead(pulls.get(number)).path("head").path("sha").asText();
    }

    /**
     * Someone merged the PR on GitHub itself, not through Bosun: a merge commit on its base, as GitHub makes it.
     * False (and nothing changes) when it is no longer open or conflicts with its base.
     */
    public synchronized boolean mergeElsewhere(int number) {
        ObjectNode pr = pulls.get(number);
        if (!pr.path("state").asText().equals("open")) {
            return false;
        }
        if (repository != null && mergeInRepository(pr.path("base").path("ref").asText(), head(number),
                "Merge pull request #" + number, true) == null) {
            return false;
        }
        pr.put("state", "closed").put("merged", true);
        return true;
    }

    /** With a backing repository, the head is the branch as it is there now, as on GitHub. */
    private ObjectNode withHead(ObjectNode pr) {
        if (repository != null && pr.path("state").asText().equals("open")) {
            String sha = git("rev-parse", "refs/heads/" + pr.path("head").path("ref").asText());
            if (sha != null) {
                ((ObjectNode) pr.path("head")).put("sha", sha);
            }
        }
        return pr;
    }

    /** GitHub's merge: refused when the head moved past the given sha; else a merge commit on the base. */
    /** The merge_method of each merge asked for, in order. */
    public final List<String> mergeMethods = new java.util.concurrent.CopyOnWriteArrayList<>();

    private synchronized void merge(HttpExchange ex, int n, ObjectNode pr) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        String head = withHead(pr).path("head").path("sha").asText();
        if (!pr.path("state").asText().equals("open")) {
            reply(ex, 405, "{\"message\":\"Pull Request is not mergeable\"}");
            return;
        }
        if (req.has("sha") && !req.path("sha").asText().equals(head)) {
            reply(ex, 409, "{\"message\":\"Head branch was modified. Review and try the merge again.\"}");
            return;
        }
        String method = req.path("merge_method").asText("merge");
        if (!List.of("merge", "squash", "rebase").contains(method)) {
            reply(ex, 422, "{\"message\":\"Invalid merge_method\"}");
            return;
        }
        mergeMethods.add(method);
        String sha = "feedfacefeedfacefeedfacefeedfacefeedface";
        if (repository != null) {
            sha = mergeInRepository(pr.path("base").path("ref").asText(), head, req.path("commit_title").asText(),
                    method.equals("merge"));
            if (sha == null) {
                reply(ex, 405, "{\"message\":\"Pull Request is not mergeable\"}");
                return;
            }
        }
        pr.put("state", "closed").put("merged", true);
        reply(ex, 200, "{\"sha\":\"" + sha + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}");
    }

    /** A merge commit of {@code head} into {@code base}, made without a working tree, as GitHub does; null if they conflict. */
    private String mergeInRepository(String base, String head, String title, boolean mergeCommit) {
        String tree = git("merge-tree", "--write-tree", "refs/heads/" + base, head);
        if (tree == null) {
            return null;
        }
        // squash and rebase leave the base's history linear: one new commit on it here
        String commit = mergeCommit ? git("commit-tree", tree, "-p", "refs/heads/" + base, "-p", head, "-m", title)
                : git("commit-tree", tree, "-p", "refs/heads/" + base, "-m", title);
        git("update-ref", "refs/heads/" + base, commit);
        return commit;
    }

    private String git(String... args) {
        byte[] out = gitBytes(args);
        return out == null ? null : new String(out, StandardCharsets.UTF_8).strip();
    }

    /** A GET answer carries an ETag; asked again with it while unchanged, the answer is 304 Not Modified. */
    private void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("GET") && code == 200) {
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
            ex.getResponseHeaders().add("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
        }
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
