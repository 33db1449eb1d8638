package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalExecutorTest extends ExecutorContract {
    private final LocalExecutor local = new LocalExecutor();

    @Override
    Executor executor() {
        return local;
    }

    /** Bosun's environment as an operator's often is: a GitHub token, a cloud key, an agent's own key. */
    private static final Map<String, String> BOSUN_ENV = Map.ofEntries(Map.entry("PATH", System.getenv("PATH")),
            Map.entry("HOME", "/home/op"), Map.entry("LC_ALL", "C.UTF-8"), Map.entry("GITHUB_TOKEN", "ghp_secret"),
            Map.entry("GH_TOKEN", "gho_secret"), Map.entry("AWS_SECRET_ACCESS_KEY", "aws-secret"),
            Map.entry("ANTHROPIC_API_KEY", "sk-ant-agent"), Map.entry("CORP_MODEL_URL", "https://models.corp"),
            Map.entry("BOSUN_AGENT_ENV", "CORP_*,GH_TOKEN"), Map.entry("GIT_AUTHOR_NAME", "Op"),
            Map.entry("JAVA_HOME", "/opt/jdk"),
            Map.entry("GIT_CONFIG_PARAMETERS", "'http.extraheader=Authorization: basic secret'"));

    @Test
    void anAgentGetsOnlyTheAllowedPartOfBosunsEnvironment() throws Exception {
        LocalExecutor executor = new LocalExecutor(() -> BOSUN_ENV, List.of("JAVA_HOME", "GITHUB_TOKEN")); // settings
        List<String> out = new CopyOnWriteArrayList<>();
        Running agent = executor.start(new Command(List.of("sh", "-c", "env"), null, Map.of("BOSUN_MCP_TOKEN", "t"),
                null, null).asAgent(), false, out::add, line -> { });
        assertThat(agent.exit().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out).contains("HOME=/home/op", "LC_ALL=C.UTF-8", "ANTHROPIC_API_KEY=sk-ant-agent", "GIT_AUTHOR_NAME=Op",
                "CORP_MODEL_URL=https://models.corp", "BOSUN_MCP_TOKEN=t", "JAVA_HOME=/opt/jdk")
                .noneMatch(l -> l.contains("secret"));
        // and nothing of this JVM's own environment either: only what was allowed, and what sh sets itself
        java.util.Set<String> expected = new java.util.HashSet<>(AgentEnvironment.allowed(BOSUN_ENV,
                List.of("JAVA_HOME")).keySet());
        expected.addAll(List.of("BOSUN_MCP_TOKEN", "PWD", "SHLVL", "_", "OLDPWD"));
        assertThat(out.stream().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('='))))
                .isSubsetOf(expected);
    }

    @Test
    void anAgentAndWhatItStartsGetALowerCpuShareThanBosunWhichKeepsItsOwn() throws Exception {
        Integer bosunsOwn = AgentCpuShare.nice(ProcessHandle.current().pid());
        org.junit.jupiter.api.Assumptions.assumeTrue(bosunsOwn != null, "this kernel has no autogroups");
        List<String> out = new CopyOnWriteArrayList<>();
        // for each line it reads, the agent has a child of its own say which group it is in
        Running agent = local.start(new Command(List.of("sh", "-c",
                "while read x; do sh -c 'cat /proc/self/autogroup'; done"), null, Map.of(), null, null).asAgent(),
                true, out::add, line -> { });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.stream().noneMatch(l -> l.endsWith(" nice " + AgentCpuShare.NICE))) {
            String last = out.isEmpty() ? "none" : out.get(out.size() - 1);
            assertThat(System.nanoTime()).as("lowered within 20 s; last: " + last)
                    .isLessThan(deadline);
            agent.write("again");
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // between asks, leave the cores to it
        }
        agent.closeInput();
        assertThat(agent.exit().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.get(out.size() - 1)).doesNotStartWith(AgentCpuShare.group("self") + " ");
        assertThat(AgentCpuShare.nice(ProcessHandle.current().pid())).as("Bosun's own").isEqualTo(bosunsOwn);
    }

    @Test
    void anotherCommandKeepsBosunsEnvironment() throws Exception {
        // git and ssh for Bosun itself still need what the user set up (an ssh agent, a credential helper)
        assertThat(local.run(Command.of("sh", "-c", "echo \"$PATH\"")).stdout().strip())
                .isEqualTo(System.getenv("PATH"));
    }
}
