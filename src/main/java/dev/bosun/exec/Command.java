package dev.bosun.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run on a target: argv (never a shell string), an optional working directory on that target, extra
 * environment, optional stdin, and a timeout after which the whole process tree is killed. An agent's command
 * ({@code agent}) gets from Bosun's own environment only what {@link AgentEnvironment} allows: never its secrets.
 */
public record Command(List<String> argv, String workDir, Map<String, String> env, String stdin, Duration timeout,
        boolean agent, List<String> reads) {

    public Command {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    public Command(List<String> argv, String workDir, Map<String, String> env, String stdin, Duration timeout) {
        this(argv, workDir, env, stdin, timeout, false, List.of());
    }

    /** This command, as an agent's: Bosun's environment reaches it through the allow-list only. */
    public Command asAgent() {
        return new Command(argv, workDir, env, stdin, timeout, true, reads);
    }

    /**
     * This command, naming files it reads to run (an agent's script, given by the operator): a sandbox shows them,
     * read-only. Never a word an agent or a prompt chose.
     */
    public Command reading(List<String> files) {
        return new Command(argv, workDir, env, stdin, timeout, agent, files);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, Map.of(), null, null);
    }

    public Command in(String dir) {
        return new Command(argv, dir, env, stdin, timeout, agent, reads);
    }

    public Command withStdin(String input) {
        return new Command(argv, workDir, env, input, timeout, agent, reads);
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, workDir, env, stdin, t, agent, reads);
    }

    public Command withEnv(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(more);
        return new Command(argv, workDir, all, stdin, timeout, agent, reads);
    }

    /** The environment's names, never its values (a key may be one), nor the input. */
    @Override
    public String toString() {
        return "Command[argv=" + argv + ", workDir=" + workDir + ", env=" + new java.util.TreeSet<>(env.keySet())
                + ", timeout=" + timeout + ", agent=" + agent + "]";
    }
}
