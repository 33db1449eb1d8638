package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTest {
    /** What the sandbox shows of a command line: the program, its install folder, its class path; never other words. */
    @Test
    void theProgramItsInstallFolderAndItsClassPathAreShownAndNoOtherWord() {
        assertThat(Sandbox.programFiles(List.of("/opt/bosun/lib/runtime/bin/java", "-cp", "/opt/bosun/lib/app/a.jar:"
                + "/home/op/.m2/b.jar", "dev.bosun.Main", "/home/op/.ssh/id_ed25519", "--config=/etc/shadow")))
                .containsExactlyInAnyOrder("/opt/bosun/lib/runtime/bin/java", "/opt/bosun/lib/runtime",
                        "/opt/bosun/lib/app/a.jar", "/home/op/.m2/b.jar");
        assertThat(Sandbox.programFiles(List.of("sh", "/home/op/.ssh/id_ed25519"))).isEmpty();
        assertThat(Sandbox.programFiles(List.of("/srv/tools/node_modules/.bin/claude", "-p")))
                .containsExactlyInAnyOrder("/srv/tools/node_modules/.bin/claude", "/srv/tools/node_modules");
    }
}
