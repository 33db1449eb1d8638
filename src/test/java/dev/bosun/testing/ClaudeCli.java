package dev.bosun.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Claude Code CLI for end-to-end tests: {@code BOSUN_TEST_CLAUDE} names the binary ({@code .ci/run} installs
 * a pinned version from npm). Under CI a missing CLI fails the test; elsewhere it skips it.
 */
public final class ClaudeCli {
    private ClaudeCli() {}

    public static String binary() {
        String path = System.getenv("BOSUN_TEST_CLAUDE");
        if (path == null || path.isBlank() || !Files.isExecutable(Path.of(path))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("BOSUN_TEST_CLAUDE is not set to the claude binary: .ci/run must install it");
            }
            Assumptions.abort("no Claude Code CLI; npm install @anthropic-ai/claude-code@2.1.328 and set "
                    + "BOSUN_TEST_CLAUDE to node_modules/.bin/claude");
        }
        return path;
    }

    /** The environment that points the CLI at a scripted model and keeps the user's own config out. */
    public static Map<String, String> env(ScriptedModel model, Path configDir, Map<String, String> gitEnv) {
        Map<String, String> env = new HashMap<>(gitEnv);
        env.put("ANTHROPIC_BASE_URL", model.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key");
        env.put("CLAUDE_CONFIG_DIR", configDir.toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("ENABLE_TOOL_SEARCH", "false"); // the scripted model sees the tool definitions directly
        env.put("DISABLE_AUTOUPDATER", "1");
        return env;
    }
}
