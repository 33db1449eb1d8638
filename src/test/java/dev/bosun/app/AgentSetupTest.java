package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.AgentKind;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSetupTest {
    @Test
    void theDemoAgentGetsAnAbsoluteClassPathBecauseItRunsInACheckout() {
        String saved = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", "target/classes" + File.pathSeparator + "/opt/lib/a.jar");
            assertThat(AgentSetup.absoluteClassPath()).isEqualTo(Path.of("target/classes").toAbsolutePath()
                    + File.pathSeparator + "/opt/lib/a.jar");
        } finally {
            System.setProperty("java.class.path", saved);
        }
    }

    @Test
    void withoutClaudeTheDemoAgentIsTheDefaultAndACommandAgentComesFromItsTemplate() {
        AgentSetup setup = new AgentSetup("/nowhere/claude", "acceptEdits", "codex", List.of(),
                List.of("echo", "{prompt}"), Map.of(), Map.of());
        var providers = setup.providers();
        assertThat(providers.preferred()).isEqualTo(AgentKind.DEMO);
        assertThat(providers.get(AgentKind.COMMAND)).isPresent();
        assertThat(AgentSetup.claude("/nowhere/claude", Map.of(), Map.of()).providers().get(AgentKind.COMMAND))
                .isEmpty();
    }
}
