package dev.bosun.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Bubblewrap around an agent (Linux): it sees the system read-only, a private {@code /tmp}, an empty home but for its
 * CLI's own config folders (Claude Code's and Codex's, or those its environment names: read-write when the CLI signs
 * in through them, else a folder of the agent's own with the operator's settings read-only) and git's config,
 * the program it runs and the files its command line names (read-only), and its own checkout read-write; not Bosun's
 * folders on that machine (the data folder, the work root with the other checkouts), not the operator's home, not
 * another process (a pid namespace of its own, so no {@code /proc/<pid>/environ} of anyone else), no capabilities.
 * The network stays: the model's API and Bosun's MCP port. No {@code --die-with-parent}: the kernel ties it to the
 * thread that started bwrap, not to Bosun; an agent that outlives a crashed Bosun is stopped at its next start
 * ({@code agent.LeftBehind}), sandboxed or not.
 *
 * <p>The bwrap command line is made on the target by a short script, because only there is its home known (an SSH
 * host's user has its own): {@code ~} in an option is that home, {@code @program} the folders under it the agent's
 * program is installed in (npm, nvm, a native installer), {@code @hide} a folder of Bosun's, hidden if it exists,
 * {@code @keyed VARS N} / {@code @unkeyed VARS N} the next N words only when one of VARS is set there / none is.
 */
public final class Sandbox {
    /** A sandbox that runs {@code true}: whether bubblewrap works on a machine (user namespaces may be off). */
    public static final String PROBE = "bwrap --unshare-pid --cap-drop ALL --ro-bind / / --dev /dev --proc /proc "
            + "/bin/sh -c :";
    /** A sandbox in a sandbox, as Codex makes its own inside Bosun's (not as root, whose sandbox keeps no rights). */
    public static final String PROBE_NESTED = "bwrap --unshare-pid --cap-drop ALL --ro-bind / / --dev /dev --proc /proc "
            + "bwrap --unshare-user --unshare-pid --ro-bind / / --dev /dev --proc /proc /bin/sh -c :";
    /** What a target's sandbox text ends with when agents there cannot make sandboxes of their own. */
    public static final String NO_NESTING = ", no sandbox inside it";

    // $1: the program; $2: how many words after it are bwrap's options; the command follows them.
    static final String SCRIPT = """
            prog=$1 n=$2; shift 2; m=$(($# - n)); h= c= v= s=0
            case $HOME in /?*) ;; *) echo "bosun-sandbox: HOME is not set, so no sandbox can be made" >&2; exit 126;; esac
            i=0
            while [ "$i" -lt "$n" ]; do
              if [ "$s" -gt 0 ]; then s=$((s - 1))
              elif [ -n "$h" ]; then h=; [ -d "$1" ] && set -- "$@" --tmpfs "$1"
              elif [ -n "$c" ] && [ -z "$v" ]; then v=$1
              elif [ -n "$c" ]; then
                k=; for x in $v; do eval 'y=${'"$x"':-}'; [ -n "$y" ] && k=1; done
                case $c$k in @keyed|@unkeyed1) s=$1;; esac; c= v=
              else case $1 in
                @hide) h=1 ;;
                @keyed|@unkeyed) c=$1 ;;
                @program)
                  p=$(command -v -- "$prog" 2>/dev/null) || p=
                  for f in "$p" "$(readlink -f -- "$p" 2>/dev/null)"; do
                    case $f in "$HOME"/*)
                      r=${f#"$HOME"/}; t=${r%%/*}
                      case $t in .local|.cache|.config) u=${r#*/}; t=$t/${u%%/*};; esac
                      case $t in .local/share|.local/lib|.local/state) u=${u#*/}; t=$t/${u%%/*};; esac
                      set -- "$@" --ro-bind "$HOME/$t" "$HOME/$t";;
                    esac
                  done;;
                "~") set -- "$@" "$HOME";;
                "~/"*) set -- "$@" "$HOME/${1#"~/"}";;
                *) set -- "$@" "$1";;
              esac; fi
              shift; i=$((i+1))
            done
            set -- "$@" --
            i=0; while [ "$i" -lt "$m" ]; do set -- "$@" "$1"; shift; i=$((i+1)); done
            exec bwrap "$@"
            """;

    /**
     * An agent CLI's own folders: {@code variable} moves its folder from {@code home} (Claude Code also keeps
     * {@code ~/.claude.json}); {@code settings} are the operator's files there an agent reads; {@code keys} are the
     * variables through which an agent signs in without that folder (an API key, a long-lived token).
     */
    private record Cli(String name, String variable, String home, List<String> alsoShared, List<String> settings,
            List<String> keys) {}

    private static final List<Cli> CLIS = List.of(
            new Cli("claude", "CLAUDE_CONFIG_DIR", "~/.claude", List.of("~/.claude.json"), List.of("settings.json",
                    "CLAUDE.md", "agents", "commands", "skills", "output-styles", "plugins"),
                    List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN")),
            new Cli("codex", "CODEX_HOME", "~/.codex", List.of(), List.of("config.toml", "AGENTS.md", "prompts",
                    "skills"), List.of("OPENAI_API_KEY", "CODEX_API_KEY", "CODEX_ACCESS_TOKEN")));

    /** The variables through which the CLI ({@code claude} or {@code codex}) signs in without its folder. */
    public static List<String> signInKeys(String cli) {
        return CLIS.stream().filter(c -> c.name().equals(cli)).findFirst().orElseThrow().keys();
    }

    /** Where an agent's own CLI folders live: in its checkout's {@code .git} (they go with it), else its /tmp. */
    static String ownCliFolder(String workDir, String cli) {
        return (workDir != null ? workDir + "/.git" : "/tmp") + "/bosun-agent/" + cli;
    }

    private final List<String> hidden;
    private final boolean nests;

    /** @param hidden Bosun's own folders on the target (its data folder here, the target's work root) */
    public Sandbox(List<String> hidden) {
        this(hidden, true);
    }

    /** @param nests whether an agent in it can make a sandbox of its own ({@link #PROBE_NESTED}) */
    public Sandbox(List<String> hidden, boolean nests) {
        this.hidden = List.copyOf(hidden);
        this.nests = nests;
    }

    /** {@code inner}, with its agents' commands started in this sandbox; everything else as it was. */
    public Executor around(Executor inner) {
        return new RewritingExecutor(inner, c -> c.agent() ? wrap(c) : c) {
            @Override
            public boolean nestedSandboxes() {
                return nests;
            }
        };
    }

    /**
     * The program (with its install folder, when it sits in one's bin) and the jars on its class path: what it needs
     * to start. No other word: a prompt may be one, and naming a path in it must not show that path to the agent.
     */
    static List<String> programFiles(List<String> argv) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            boolean classPath = i > 0 && List.of("-cp", "-classpath", "--class-path").contains(argv.get(i - 1));
            if (i == 0 || classPath) {
                for (String piece : classPath ? argv.get(i).split(":") : new String[] {argv.get(i)}) {
                    if (piece.startsWith("/") && piece.indexOf('\n') < 0) {
                        files.add(piece);
                    }
                }
            }
            // a program in a bin folder is installed with what it needs beside it: a Java runtime's lib, an npm
            // package next to node_modules/.bin
            java.nio.file.Path bin = i == 0 && argv.get(0).startsWith("/") ? java.nio.file.Path.of(argv.get(0))
                    .getParent() : null;
            if (bin != null && bin.getParent() != null && bin.getFileName() != null
                    && List.of("bin", ".bin").contains(bin.getFileName().toString())) {
                files.add(bin.getParent().toString());
            }
        }
        return files;
    }

    /** The command that runs {@code command} in the sandbox, in the same folder, with the same environment. */
    Command wrap(Command command) {
        List<String> o = new ArrayList<>(List.of("--unshare-pid", "--unshare-ipc",
                "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/tmp", "--tmpfs", "/var/tmp", "--tmpfs", "/run",
                "--ro-bind-try", "/run/systemd/resolve", "/run/systemd/resolve", // the resolver, on systemd hosts
                "--tmpfs", "~", "--setenv", "TMPDIR", "/tmp", "@program"));
        List<String> reads = new ArrayList<>(programFiles(command.argv()));
        command.reads().stream().filter(f -> f.startsWith("/") && f.indexOf('\n') < 0).forEach(reads::add);
        for (String path : reads) {
            o.addAll(List.of("--ro-bind-try", path, path));
        }
        // A CLI signed in through its folder (a subscription login) shares it read-write: its refresh token is
        // single-use, so a copy would log the operator out at an agent's first refresh. Signed in with a key, the
        // agent gets a folder of its own, with the operator's settings read-only: nothing it writes there reaches
        // the operator's own CLI, which runs unsandboxed (hooks, MCP servers and helpers are commands).
        // Which it is, the target's shell decides: the key may come from the environment the agent inherits there.
        List<String> own = new ArrayList<>();
        for (Cli cli : CLIS) {
            String configured = command.env().get(cli.variable());
            String folder = configured != null && configured.startsWith("/") ? configured : cli.home();
            List<String> shared = new ArrayList<>(List.of("--bind-try", folder, folder));
            cli.alsoShared().forEach(f -> shared.addAll(List.of("--bind-try", f, f)));
            o.addAll(List.of("@unkeyed", String.join(" ", cli.keys()), Integer.toString(shared.size())));
            o.addAll(shared);
            String mine = ownCliFolder(command.workDir(), cli.name());
            List<String> separate = new ArrayList<>(List.of("--dir", mine));
            for (String item : cli.settings()) {
                separate.addAll(List.of("--ro-bind-try", folder + "/" + item, mine + "/" + item));
            }
            separate.addAll(List.of("--setenv", cli.variable(), mine));
            own.addAll(List.of("@keyed", String.join(" ", cli.keys()), Integer.toString(separate.size())));
            own.addAll(separate);
        }
        // the identity it commits with (not ~/.config/git/credentials, where git's store keeps passwords)
        o.addAll(List.of("--ro-bind-try", "~/.gitconfig", "~/.gitconfig", "--ro-bind-try", "~/.config/git/config",
                "~/.config/git/config", "--ro-bind-try", "~/.config/git/ignore", "~/.config/git/ignore"));
        for (String folder : hidden) { // after everything above: nothing bound there can show these again
            o.addAll(List.of("@hide", folder));
        }
        if (command.workDir() != null) {
            o.addAll(List.of("--bind", command.workDir(), command.workDir(), "--chdir", command.workDir()));
        }
        o.addAll(own); // after the checkout: the folders live in it
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "bosun-sandbox", command.argv().get(0),
                Integer.toString(o.size())));
        argv.addAll(o);
        argv.addAll(command.argv());
        return new Command(argv, command.workDir(), command.env(), command.stdin(), command.timeout(), true,
                List.of());
    }
}
