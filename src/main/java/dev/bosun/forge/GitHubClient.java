package dev.bosun.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PullRequestStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub's REST API Bosun uses, on {@code java.net.http} and Jackson: create, edit, merge and comment on a
 * pull request, read its state, its checks (check runs and the combined status, mapped to one {@link ChecksState},
 * with the failures' own text) and its review comments.
 * Errors become {@link ForgeException}s that say what happened and what to do: a refused token, a used-up rate limit
 * (with when it resets), a missing repository or PR, a refused request (with GitHub's own reasons).
 */
public final class GitHubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI api;
    private final String host;
    private final String token;
    private final HttpClient http;
    /**
     * GET answers by path with their ETag: asking again with If-None-Match gets a 304, which GitHub does not count
     * against the rate limit (5,000 requests an hour; a refresh costs 5 a PR a minute, so 17 open PRs would use it up).
     */
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 2_000;

    private record Cached(String etag, JsonNode body) {}

    /** @param api {@code https://api.github.com}, or a test server's address */
    public GitHubClient(URI api, String token) {
        this(api, webHost(api), token);
    }

    /** @param host where the repositories this API serves live (github.com for api.github.com) */
    public GitHubClient(URI api, String host, String token) {
        this.api = api;
        this.host = host;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    boolean usesToken(String other) {
        return token.equals(other);
    }

    /** A repository on GitHub, from its clone URL. */
    public record Repo(String owner, String name) {}

    /** The repository on github.com a clone URL names, if it names one. */
    public static Optional<Repo> repoOf(String url) {
        return repoOf(url, "github.com");
    }

    /** The repository on {@code host} (github.com, or a GitHub Enterprise host) a clone URL names, if any. */
    public static Optional<Repo> repoOf(String url, String host) {
        String h = Pattern.quote(host);
        Matcher m = Pattern.compile("^(?:https://" + h + "/|git@" + h + ":|ssh://git@" + h + "/)([\\w.-]+)/"
                + "([\\w.-]+?)(?:\\.git)?/?$").matcher(url.strip());
        return m.matches() ? Optional.of(new Repo(m.group(1), m.group(2))) : Optional.empty();
    }

    /** Where repositories live for an API address: github.com for api.github.com, else the API's own host (GHE). */
    public static String webHost(URI api) {
        return "api.github.com".equals(api.getHost()) ? "github.com" : api.getHost();
    }

    /** The repository a clone URL names on this client's GitHub. */
    public Optional<Repo> repo(String url) {
        return repoOf(url, host);
    }

    /**
     * What GitHub says about a pull request; {@code mergeable} is null while GitHub is still computing it, and
     * {@code diffStat} is shaped like git's {@code --shortstat}.
     */
    public record PullRequestInfo(int number, String url, PullRequestStatus status, String headSha,
            Boolean mergeable, Integer commits, String diffStat) {}

    /** A commit's checks: one state, and for each failed check or status its name and what it reported. */
    public record Checks(ChecksState state, List<Failure> failures) {}

    public record Failure(String name, String text) {}

    /** A review comment or a review that asked for changes, with its author. */
    public record Comment(long id, String author, String body, String path) {}

    public PullRequestInfo create(Repo repo, String head, String base, String title, String body)
            throws ForgeException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("head", head).put("base", base).put("title", title)
                .put("body", body == null ? "" : body);
        return info(send("POST", path(repo, "/pulls"), req.toString()));
    }

    /** The open pull request whose head is {@code head} (a branch of this repository), if there is one. */
    public Optional<PullRequestInfo> openFor(Repo repo, String head) throws ForgeException, InterruptedException {
        JsonNode list = send("GET", path(repo, "/pulls?state=open&head=" + java.net.URLEncoder.encode(repo.owner()
                + ":" + head, java.nio.charset.StandardCharsets.UTF_8)), null);
        return list.isArray() && !list.isEmpty() ? Optional.of(info(list.get(0))) : Optional.empty();
    }

    public PullRequestInfo get(Repo repo, int number) throws ForgeException, InterruptedException {
        return info(send("GET", path(repo, "/pulls/" + number), null));
    }

    /** Changes the title and/or description; a null one stays as it is. */
    public void edit(Repo repo, int number, String title, String body) throws ForgeException, InterruptedException {
        ObjectNode req = JSON.createObjectNode();
        if (title != null) {
            req.put("title", title);
        }
        if (body != null) {
            req.put("body", body);
        }
        if (!req.isEmpty()) {
            send("PATCH", path(repo, "/pulls/" + number), req.toString());
        }
    }

    /**
     * Merges by {@code method} (merge, squash, rebase), only if the head is still {@code headSha} (GitHub refuses
     * otherwise, so a commit pushed since the operator looked is never merged unseen). Returns the commit it made.
     */
    public String merge(Repo repo, int number, String headSha, String title, dev.bosun.domain.MergeMethod method)
            throws ForgeException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("merge_method", dev.bosun.domain.WireNames.of(method))
                .put("commit_title", title);
        if (headSha != null && !headSha.isBlank()) {
            req.put("sha", headSha);
        }
        return send("PUT", path(repo, "/pulls/" + number + "/merge"), req.toString()).path("sha").asText();
    }

    /** A comment on the pull request's conversation. */
    public void comment(Repo repo, int number, String body) throws ForgeException, InterruptedException {
        send("POST", path(repo, "/issues/" + number + "/comments"), JSON.createObjectNode().put("body", body)
                .toString());
    }

    /**
     * One state for all of a commit's checks: failing if any check run or status failed; pending if any is still
     * running; passing if there are checks and all passed; unknown if there are none. Each failure keeps the text
     * its check reported (title, summary, details), which is what a follow-up worker needs to fix it.
     */
    public Checks checks(Repo repo, String sha) throws ForgeException, InterruptedException {
        JsonNode runs = send("GET", path(repo, "/commits/" + sha + "/check-runs?per_page=100"), null).path("check_runs");
        JsonNode combined = send("GET", path(repo, "/commits/" + sha + "/status"), null);
        boolean any = false;
        boolean pending = false;
        List<Failure> failures = new ArrayList<>();
        for (JsonNode run : runs) {
            any = true;
            if (!run.path("status").asText().equals("completed")) {
                pending = true;
            } else if (FAILED_CONCLUSIONS.contains(run.path("conclusion").asText())) {
                JsonNode out = run.path("output");
                failures.add(new Failure(run.path("name").asText(), join(run.path("conclusion").asText(),
                        out.path("title").asText(""), out.path("summary").asText(""), out.path("text").asText(""),
                        run.path("details_url").asText(run.path("html_url").asText("")))));
            }
        }
        if (combined.path("total_count").asInt(0) > 0) {
            any = true;
            pending |= combined.path("state").asText().equals("pending");
            for (JsonNode st : combined.path("statuses")) {
                if (List.of("failure", "error").contains(st.path("state").asText())) {
                    failures.add(new Failure(st.path("context").asText(), join(st.path("state").asText(),
                            st.path("description").asText(""), st.path("target_url").asText(""))));
                }
            }
            if (failures.isEmpty() && List.of("failure", "error").contains(combined.path("state").asText())) {
                failures.add(new Failure("combined status", combined.path("state").asText()));
            }
        }
        ChecksState state = !failures.isEmpty() ? ChecksState.FAILING : !any ? ChecksState.UNKNOWN
                : pending ? ChecksState.PENDING : ChecksState.PASSING;
        return new Checks(state, failures);
    }

    private static final List<String> FAILED_CONCLUSIONS =
            List.of("failure", "timed_out", "cancelled", "action_required", "startup_failure");

    /** The non-blank parts, one per line, each cut to a length a task can carry. */
    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isBlank()) {
                String t = p.strip();
                sb.append(sb.length() == 0 ? "" : "\n").append(t.length() > 6000 ? t.substring(0, 6000) + " …" : t);
            }
        }
        return sb.toString();
    }

    /** Review comments on the diff, then reviews that asked for changes: what a follow-up worker must address. */
    public List<Comment> reviewComments(Repo repo, int number) throws ForgeException, InterruptedException {
        List<Comment> out = new ArrayList<>();
        for (JsonNode c : send("GET", path(repo, "/pulls/" + number + "/comments?per_page=100"), null)) {
            out.add(new Comment(c.path("id").asLong(), c.path("user").path("login").asText(), c.path("body").asText(),
                    c.path("path").asText(null)));
        }
        for (JsonNode r : send("GET", path(repo, "/pulls/" + number + "/reviews?per_page=100"), null)) {
            if (r.path("state").asText().equals("CHANGES_REQUESTED") && !r.path("body").asText().isBlank()) {
                out.add(new Comment(r.path("id").asLong(), r.path("user").path("login").asText(),
                        r.path("body").asText(), null));
            }
        }
        return out;
    }

    /** A file of a PR as GitHub lists it; {@code patched} is false for a binary file (and a diff too big to show). */
    public record FileChange(String path, String previousPath, String status, int additions, int deletions,
            boolean patched) {}

    /** The files a PR changes, all pages of them (GitHub lists at most 3,000). */
    public List<FileChange> files(Repo repo, int number) throws ForgeException, InterruptedException {
        List<FileChange> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode list = send("GET", path(repo, "/pulls/" + number + "/files?per_page=100&page=" + page), null);
            for (JsonNode f : list) {
                out.add(new FileChange(f.path("filename").asText(), f.path("previous_filename").asText(null),
                        f.path("status").asText(), f.path("additions").asInt(), f.path("deletions").asInt(),
                        f.has("patch")));
            }
            if (list.size() < 100 || page == 30) {
                return out;
            }
        }
    }

    /** Where {@code head} left {@code base}: the commit a PR's diff starts from. */
    public String mergeBase(Repo repo, String base, String head) throws ForgeException, InterruptedException {
        String sha = send("GET", path(repo, "/compare/" + segment(base) + "..." + head + "?per_page=1"), null)
                .path("merge_base_commit").path("sha").asText("");
        if (!sha.matches("[0-9a-f]{40}")) {
            throw new ForgeException("GitHub did not say where " + head + " left " + base + ".");
        }
        return sha;
    }

    /** A file's text at a commit, empty if the commit has none: from its contents, or its blob when over 1 MB. */
    public Optional<String> file(Repo repo, String path, String commit, int maxBytes)
            throws ForgeException, InterruptedException {
        String where = java.util.Arrays.stream(path.split("/")).map(GitHubClient::segment)
                .collect(java.util.stream.Collectors.joining("/"));
        JsonNode f;
        try {
            f = send("GET", path(repo, "/contents/" + where + "?ref=" + commit), null);
        } catch (ForgeException e) {
            if (e.getMessage().startsWith("GitHub has no ")) {
                return Optional.empty();
            }
            throw e;
        }
        if (f.path("size").asLong() > maxBytes) {
            throw new ForgeException(path + " is " + f.path("size").asLong() / 1024 + " KiB, too large to show here"
                    + " (the limit is " + maxBytes / 1024 + " KiB).");
        }
        JsonNode body = f.path("encoding").asText().equals("base64") ? f
                : send("GET", path(repo, "/git/blobs/" + f.path("sha").asText()), null);
        byte[] bytes = java.util.Base64.getMimeDecoder().decode(body.path("content").asText());
        return Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String segment(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static PullRequestInfo info(JsonNode pr) {
        PullRequestStatus status = pr.path("merged").asBoolean(false) ? PullRequestStatus.MERGED
                : pr.path("state").asText().equals("closed") ? PullRequestStatus.CLOSED
                : pr.path("draft").asBoolean(false) ? PullRequestStatus.DRAFT : PullRequestStatus.OPEN;
        JsonNode mergeable = pr.path("mergeable");
        Integer commits = pr.has("commits") ? pr.path("commits").asInt() : null;
        String stat = !pr.has("changed_files") ? "" : pr.path("changed_files").asInt() + " files changed, "
                + pr.path("additions").asInt() + " insertions(+), " + pr.path("deletions").asInt() + " deletions(-)";
        return new PullRequestInfo(pr.path("number").asInt(), pr.path("html_url").asText(), status,
                pr.path("head").path("sha").asText(), mergeable.isBoolean() ? mergeable.asBoolean() : null, commits,
                stat);
    }

    private static String path(Repo repo, String rest) {
        return "/repos/" + repo.owner() + "/" + repo.name() + rest;
    }

    private JsonNode send(String method, String path, String body) throws ForgeException, InterruptedException {
        // appended, not resolved: a GitHub Enterprise API lives below a path (https://host/api/v3)
        URI uri = URI.create(api.toString().replaceFirst("/+$", "") + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        Cached cached = method.equals("GET") ? cache.get(path) : null;
        if (cached != null) {
            b.header("If-None-Match", cached.etag());
        }
        HttpResponse<String> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ForgeException("GitHub could not be reached (" + e.getMessage() + "). Check the network; "
                    + "Bosun tries again at the next refresh.");
        }
        int code = res.statusCode();
        if (code == 304 && cached != null) {
            return cached.body();
        }
        if (code / 100 == 2) {
            JsonNode json;
            try {
                json = res.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(res.body());
            } catch (IOException e) {
                throw new ForgeException("GitHub answered " + method + " " + path + " with something that is not "
                        + "JSON.");
            }
            var etag = res.headers().firstValue("etag");
            // file bodies (up to megabytes each, asked once per look) are never kept: the cache is for polling
            boolean fileBody = path.contains("/contents/") || path.contains("/git/blobs/");
            if (method.equals("GET") && etag.isPresent() && !fileBody) {
                if (cache.size() > MAX_CACHED) {
                    cache.clear(); // a crude bound: a refresh pass fills it again
                }
                cache.put(path, new Cached(etag.get(), json));
            }
            return json;
        }
        String remaining = res.headers().firstValue("x-ratelimit-remaining").orElse("");
        if ((code == 403 || code == 429) && remaining.equals("0")) {
            String reset = res.headers().firstValue("x-ratelimit-reset").filter(v -> v.matches("\\d{1,12}"))
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v)).toString()).orElse("soon");
            throw new ForgeException("GitHub's API rate limit for this token is used up until " + reset
                    + ". Bosun waits and refreshes after that.");
        }
        String message = message(res.body());
        throw new ForgeException(switch (code) {
            case 401 -> "GitHub refused the token (" + message + "). Set a valid one in GITHUB_TOKEN or with "
                    + "gh auth login.";
            case 403 -> "GitHub forbids this for the token (" + message + "). It needs the repo scope, or write "
                    + "access to the repository.";
            case 404 -> "GitHub has no " + path + " that this token can see. Check the repository and the "
                    + "token's access.";
            case 405, 409 -> "GitHub would not do it: " + message;
            case 422 -> "GitHub refused the request: " + message;
            default -> "GitHub answered " + code + " to " + method + " " + path + ": " + message;
        });
    }

    /** GitHub's own message, with the reasons of a 422 ("A pull request already exists for …"). */
    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            StringBuilder sb = new StringBuilder(n.path("message").asText(""));
            for (JsonNode e : n.path("errors")) {
                String m = e.path("message").asText(e.path("code").asText(""));
                if (!m.isBlank()) {
                    sb.append(sb.length() == 0 ? "" : ": ").append(m);
                }
            }
            return sb.length() == 0 ? body : sb.toString();
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
    }
}
