package dev.bosun.exec;

/** How to reach an SSH host. {@code identityFile} may be null (the user's ssh config and agent then apply). */
public record SshTarget(String host, String user, int port, String identityFile) {
    public SshTarget {
        if (host == null || host.isBlank() || host.startsWith("-")) {
            throw new IllegalArgumentException("invalid host: " + host);
        }
        if (user != null && (user.isBlank() || user.startsWith("-") || user.contains("@"))) {
            throw new IllegalArgumentException("invalid user: " + user);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port: " + port);
        }
    }

    String destination() {
        return user == null ? host : user + "@" + host;
    }
}
