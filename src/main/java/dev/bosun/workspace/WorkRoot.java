package dev.bosun.workspace;

import dev.bosun.domain.Ids;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Path safety for a target's work root. Paths are POSIX paths on the target (which may not be this machine), so they
 * are normalised as text. A checkout may be deleted only if it is exactly {@code <workRoot>/<sessionId>}: never the
 * work root itself, never the mirror cache, never anything a {@code ..} or an odd name leads elsewhere.
 */
public final class WorkRoot {
    /** The bare mirrors live here, below the work root; never deleted by the GC. */
    public static final String CACHE_DIR = ".bosun-cache";

    private final String root;

    public WorkRoot(String root) {
        String n = normalise(root);
        if (!n.startsWith("/") || n.equals("/")) {
            throw new IllegalArgumentException("a work root must be an absolute folder other than /: " + root);
        }
        this.root = n;
    }

    public String path() {
        return root;
    }

    /** Where a session's checkout goes. */
    public String checkoutOf(String sessionId) {
        if (!Ids.isWellFormed(sessionId)) {
            throw new IllegalArgumentException("not a session id: " + sessionId);
        }
        return root + "/" + sessionId;
    }

    public String cache() {
        return root + "/" + CACHE_DIR;
    }

    /** Why {@code path} must not be deleted as the checkout of {@code sessionId}, or empty if it may be. */
    public Optional<String> refuseDeletion(String path, String sessionId) {
        if (path == null || path.isBlank()) {
            return Optional.of("no path");
        }
        String n = normalise(path);
        if (!n.equals(path.replaceAll("/+$", ""))) {
            return Optional.of(path + " is not a plain path (it has '.', '..' or repeated slashes)");
        }
        if (n.equals(root)) {
            return Optional.of(path + " is the work root itself");
        }
        if (n.equals(cache()) || n.startsWith(cache() + "/")) {
            return Optional.of(path + " is the mirror cache");
        }
        if (sessionId == null || !Ids.isWellFormed(sessionId)) {
            return Optional.of("the owner " + sessionId + " is not a session id");
        }
        if (!n.equals(root + "/" + sessionId)) {
            return Optional.of(path + " is not " + root + "/" + sessionId);
        }
        return Optional.empty();
    }

    /** Resolves '.', '..' and repeated slashes, as text. */
    static String normalise(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return (absolute ? "/" : "") + String.join("/", parts);
    }
}
