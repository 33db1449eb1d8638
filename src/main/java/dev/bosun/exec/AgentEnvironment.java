package dev.bosun.exec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What of Bosun's own environment an agent on this machine gets: what a CLI needs to run (its PATH, home, locale,
 * terminal, proxies and certificates, its git identity) and its own variables ({@code ANTHROPIC_*}, {@code CLAUDE_*}, {@code OPENAI_*},
 * {@code CODEX_*}), plus the names the operator lists in {@code BOSUN_AGENT_ENV} (comma-separated; {@code NAME_*}
 * for a prefix) or in the setting {@code agents.env}. Nothing else: not {@code GITHUB_TOKEN} or {@code GH_TOKEN} (not
 * even when listed), cloud keys or {@code SSH_AUTH_SOCK}.
 */
public final class AgentEnvironment {
    private static final Set<String> NAMES = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
            "TERM", "COLORTERM", "TZ", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
            "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "SYSTEMROOT", "COMSPEC", "PATHEXT", "APPDATA",
            "LOCALAPPDATA", "USERPROFILE",
            // the git identity and global config the agents commit with (not GIT_CONFIG_PARAMETERS: it can carry
            // an auth header; not GIT_ASKPASS or GIT_SSH_COMMAND)
            "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_CONFIG_NOSYSTEM",
            "GIT_CONFIG_GLOBAL");
    private static final List<String> PREFIXES = List.of("LC_", "ANTHROPIC_", "CLAUDE_", "OPENAI_", "CODEX_");
    /** The operator's own additions. */
    public static final String OPERATOR_LIST = "BOSUN_AGENT_ENV";

    private AgentEnvironment() {}

    /** Never given to an agent, whoever lists them: Bosun's own credentials. */
    public static final Set<String> NEVER = Set.of("GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN");

    /** The part of {@code env} an agent may see. */
    public static Map<String, String> allowed(Map<String, String> env) {
        return allowed(env, List.of());
    }

    /** As above, with names (or {@code PREFIX_*}) the operator's settings add. */
    public static Map<String, String> allowed(Map<String, String> env, List<String> added) {
        List<String> extra = new java.util.ArrayList<>(added);
        List.of(env.getOrDefault(OPERATOR_LIST, "").split(",")).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).forEach(extra::add);
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (NEVER.contains(name)) {
                return;
            }
            if (NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith) || extra.stream().anyMatch(
                    e -> e.endsWith("*") ? name.startsWith(e.substring(0, e.length() - 1)) : e.equals(name))) {
                out.put(name, value);
            }
        });
        return out;
    }
}
