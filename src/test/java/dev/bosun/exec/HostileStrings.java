package dev.bosun.exec;

import java.util.List;

/** Words that break naive quoting. */
final class HostileStrings {
    static final List<String> ALL = List.of(
            "plain",
            "with spaces",
            "it's",
            "\"double\"",
            "$(touch /tmp/bosun-pwned)",
            "`touch /tmp/bosun-pwned`",
            "a; touch /tmp/bosun-pwned",
            "a && b || c",
            "line one\nline two",
            "$HOME ${PATH} $1",
            "back\\slash",
            "*?[glob]",
            "-n",
            "tab\there",
            "'",
            "''",
            "");

    private HostileStrings() {}
}
