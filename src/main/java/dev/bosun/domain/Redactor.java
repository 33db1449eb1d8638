package dev.bosun.domain;

import java.util.List;
import java.util.regex.Pattern;

/** Masks things that look like credentials before text goes to the audit trail or a log. */
public final class Redactor {
    private static final String MASK = "••••";
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            // a password or token in a URL's user part: https://user:secret@host/...
            Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@\\s:]*:)[^/@\\s]+(?=@)"),
            Pattern.compile("(?i)((?:token|password|passwd|secret|api[_-]?key|authorization)\\s*[=:]\\s*)\\S+"),
            Pattern.compile("()\\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}"
                    + "|github_pat_[A-Za-z0-9_]{20,}|xox[abp]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})"));

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : SECRETS) {
            out = p.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }
}
