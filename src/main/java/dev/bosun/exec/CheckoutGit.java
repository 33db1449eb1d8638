package dev.bosun.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Git run by Bosun in a checkout an agent wrote. Its hooks, its fsmonitor and every program its own config names (a
 * credential helper, an ssh command, a clean filter that {@code git add} and {@code git status} run, a gpg program, a
 * receive-pack, an include of another file) would run as Bosun, outside any sandbox, with Bosun's credentials. So
 * Bosun's git there runs with hooks, fsmonitor, the {@code ext::} transport and auto-maintenance off, and first drops
 * from the checkout's own config every key not known to be inert.
 */
public final class CheckoutGit {
    /** Git's flags for a checkout an agent wrote. */
    public static final List<String> FLAGS = List.of("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
            "-c", "protocol.ext.allow=never", "-c", "maintenance.auto=false");

    /**
     * A sh prelude, run in the checkout: defines {@code g} (git with {@link #FLAGS}) and drops every other key from
     * the checkout's config, each named on stderr; exits 97 when one cannot be dropped. Keys are read one a line (a
     * subsection name may hold spaces), and {@code --local} reads that one file, following no include.
     */
    public static final String PRELUDE = """
            g() { git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c protocol.ext.allow=never \\
              -c maintenance.auto=false "$@"; }
            kept=$(g config --local --name-only --list 2>/dev/null | while IFS= read -r k; do
              case $k in
                core.repositoryformatversion|core.filemode|core.bare|core.logallrefupdates|core.ignorecase) ;;
                core.precomposeunicode|core.symlinks|extensions.objectformat|user.name|user.email) ;;
                remote.origin.url|remote.origin.fetch|branch.*.remote|branch.*.merge) ;;
                submodule.*.url|submodule.*.active) ;;
                *) if g config --local --unset-all "$k"; then echo "bosun-dropped $k" >&2; else echo "$k"; fi ;;
              esac
            done)
            if [ -n "$kept" ]; then
              echo "the checkout's git config has keys Bosun could not drop: $kept" >&2; exit 97
            fi
            """;

    private CheckoutGit() {}

    /** Git with {@link #FLAGS} in {@code checkout}: {@code git <flags> -C <checkout> <args>}. */
    public static List<String> argv(String checkout, String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(FLAGS);
        argv.addAll(List.of("-C", checkout));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Drops what is not inert from {@code checkout}'s config; before any other git of Bosun's there. */
    public static Command cleanConfig(String checkout, Map<String, String> env, Duration timeout) {
        return new Command(List.of("sh", "-c", PRELUDE, "bosun-git-clean"), checkout, env, null, timeout);
    }
}
