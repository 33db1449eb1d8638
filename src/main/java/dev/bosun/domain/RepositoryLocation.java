package dev.bosun.domain;

import java.util.regex.Pattern;

/** Tells a git URL from a local path, syntactically. Whether a path really holds a repository is checked elsewhere. */
public final class RepositoryLocation {
    private static final Pattern URL = Pattern.compile("^(https?|ssh|git|file)://\\S+$");
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:\\S+$");

    private RepositoryLocation() {}

    public static boolean isUrl(String location) {
        String s = location == null ? "" : location.trim();
        return URL.matcher(s).matches() || SCP_LIKE.matcher(s).matches();
    }

    /** The location with a user and password (or token) taken out of an http(s) URL, for messages and logs. */
    public static String withoutCredentials(String location) {
        return location == null ? "" : location.replaceFirst("^(https?://)[^/@\\s]+@", "$1");
    }

    /** A folder name for a repository: letters, digits, '.', '_' and '-' kept, anything else one '-'. */
    public static String slug(String repository) {
        String s = repository.strip().replaceAll("\\.git/?$", "").replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() ? "repo" : s;
    }
}
