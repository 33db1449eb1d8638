package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitProgressTest {
    @Test
    void progressLinesAreNamedByTheirStepThrottledAndTheLastOfEachAlwaysPasses() {
        List<String> out = new ArrayList<>();
        GitProgress p = new GitProgress("mirror", out::add);
        p.accept("remote: Enumerating objects: 5, done.");
        p.accept("Receiving objects:   1% (1/100)");
        p.accept("Receiving objects:   2% (2/100)"); // within the second: dropped
        p.accept("Receiving objects: 100% (100/100), 1.20 MiB | 2.40 MiB/s, done.");
        p.accept("bosun-step fetch");
        p.accept("fatal: not a progress line");
        p.accept("Resolving deltas: 100% (7/7), done.");
        assertThat(out).containsExactly("mirror: Enumerating objects: 5, done.",
                "mirror: Receiving objects: 100% (100/100), 1.20 MiB | 2.40 MiB/s, done.",
                "fetch: Resolving deltas: 100% (7/7), done.");
        assertThat(GitProgress.isProgress("fatal: repository not found")).isFalse();
    }
}
