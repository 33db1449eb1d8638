package dev.bosun.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Codex CLI for end-to-end tests: {@code BOSUN_TEST_CODEX} names the binary ({@code .ci/run} installs a
 * pinned version from npm). Under CI a missing CLI fails the test; elsewhere it skips it.
 */
public final class CodexCli {
    private CodexCli() {}

    public static String binary() {
        String path = System.getenv("BOSUN_TEST_CODEX");
        if (path == null || path.isBlank() || !Files.isExecutable(Path.of(path))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("BOSUN_TEST_CODEX is not set to the codex binary: .ci/run must install it");
            }
            Assumptions.abort("no Codex CLI; npm install @openai/codex@0.169.0 and set BOSUN_TEST_CODEX to "
                    + "node_modules/.bin/codex");
        }
        return path;
    }
}
