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
            "-c", "protocol.ext.allow=never", "-c", "maintenance.auto=false", "-c", "diff.ignoreSubmodules=all",
            "-c", "status.submoduleSummary=false");

    /**
     * A sh prelude, run in the checkout: defines {@code g} (git with {@link #FLAGS}) and drops every other key from
     * the checkout's config, each named on stderr; exits 97 when one cannot be dropped. Keys are read one a line (a
     * subsection name may hold spaces), and {@code --local} reads that one file, following no include. A config
     * whose every line is one Bosun's checkouts are made with (read by the shell, conservatively: any other line, a
     * comment, a continuation, another case) needs no git to clean it: the probe of a GC pass starts no more programs.
     */
    public static final String PRELUDE = """
            # the repository Bosun made, and only it: a .git that is a link or a file (gitdir:), a config that is a
            # link (the cleaning would write through it), a commondir (another config) all stop here; GIT_DIR keeps
            # git from looking anywhere else (the folder itself as a bare repository, its parents)
            if [ ! -d .git ] || [ -L .git ] || [ ! -f .git/config ] || [ -L .git/config ] || [ -e .git/commondir ]
            then
              echo "the checkout's .git is not the repository Bosun made (a link, a gitdir file, a commondir)" >&2
              exit 97
            fi
            export GIT_DIR="$PWD/.git" GIT_WORK_TREE="$PWD"
            g() { git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c protocol.ext.allow=never \\
              -c maintenance.auto=false -c diff.ignoreSubmodules=all -c status.submoduleSummary=false "$@"; }
            inert() { # every line of .git/config one a checkout is made with: read by the shell, no program started
              [ -f .git/config ] || return 1
              s=
              while IFS= read -r l || [ -n "$l" ]; do
                case $l in
                  *'\\'*) return 1 ;; # a continuation, an escape: git's to read
                  '[core]') s=core ;;
                  '[remote "origin"]') s=remote ;;
                  '[branch "'*'"]') case $l in *'"'*'"'*'"'*) return 1 ;; esac; s=branch ;;
                  '[user]') s=user ;;
                  '') ;;
                  *) k=${l#"${l%%[! 	]*}"}; k=${k%%[ 	=]*}
                     case $s:$k in
                       core:repositoryformatversion|core:filemode|core:bare|core:logallrefupdates) ;;
                       core:ignorecase|core:precomposeunicode|core:symlinks) ;;
                       remote:url|remote:fetch|branch:remote|branch:merge|user:name|user:email) ;;
                       *) return 1 ;;
                     esac ;;
                esac
              done < .git/config
            }
            if ! inert; then
            kept=$(g config --local --name-only --list 2>/dev/null | while IFS= read -r k; do
              case $k in
                core.repositoryformatversion|core.filemode|core.bare|core.logallrefupdates|core.ignorecase) ;;
                core.precomposeunicode|core.symlinks|extensions.objectformat|user.name|user.email) ;;
                remote.origin.url|remote.origin.fetch|branch.*.remote|branch.*.merge) ;;
                submodule.*.url|submodule.*.active) ;;
                *) g config --local --unset-all "$k" 2>/dev/null && echo "bosun-dropped $k" >&2
                   # (a key listed twice is gone after its first --unset-all)
                   if g config --local --get-all "$k" >/dev/null 2>&1; then echo "$k"; fi ;;
              esac
            done)
            if [ -n "$kept" ]; then
              echo "the checkout's git config has keys Bosun could not drop: $kept" >&2; exit 97
            fi
            fi
            """;

    /**
     * The environment Bosun's git runs with there: Bosun's credentials blanked (a push gets its credential through a
     * helper of its own), so nothing a checkout could make git run finds them.
     */
    public static final Map<String, String> SCRUBBED = AgentEnvironment.NEVER.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, n -> ""));

    private CheckoutGit() {}

    /**
     * Git with {@link #FLAGS} in {@code checkout}, on its own {@code .git} only (no discovery): after
     * {@link #cleanConfig} checked that it is the repository Bosun made.
     */
    public static List<String> argv(String checkout, String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(FLAGS);
        argv.addAll(List.of("-C", checkout, "--git-dir=.git", "--work-tree=."));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Drops what is not inert from {@code checkout}'s config; before any other git of Bosun's there. */
    public static Command cleanConfig(String checkout, Map<String, String> env, Duration timeout) {
        return new Command(List.of("sh", "-c", PRELUDE, "bosun-git-clean"), checkout, scrubbed(env), null, timeout);
    }

    /** {@code env} with {@link #SCRUBBED} over it. */
    public static Map<String, String> scrubbed(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(SCRUBBED);
        return all;
    }
}
