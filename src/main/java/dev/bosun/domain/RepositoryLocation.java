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

    /**
     * A folder name for a repository (its mirror, its local forge copy): the location without credentials, letters,
     * digits, '.', '_' and '-' kept and anything else one '-', cut to 60 characters, then a hash of the whole location,
     * so two repositories whose readable parts agree ({@code /x/a-b/c} and {@code /x/a/b-c}) never share a folder. The
     * same repository with or without {@code .git} or a trailing slash gets the same name.
     */
    public static String slug(String repository) {
        String location = withoutCredentials(repository.strip()).replaceAll("/+$", "").replaceAll("\\.git$", "");
        String s = location.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (s.length() > 60) {
            s = s.substring(s.length() - 60).replaceAll("^[-.]+", "");
        }
        return (s.isEmpty() ? "repo" : s) + "-" + hash(location);
    }

    private static String hash(String location) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(location.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
