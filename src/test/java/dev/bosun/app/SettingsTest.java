package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.SupervisorSettings;
import dev.bosun.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's settings file and where the GitHub token comes from. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansDefaultsAndAFileOverridesThem() throws Exception {
        assertThat(Settings.load(dir.resolve("settings.properties"))).isEqualTo(Settings.DEFAULTS);
        Path file = Files.writeString(dir.resolve("settings.properties"), "# mine\ngithub.token = ghp_abc\n"
                + "github.api=https://ghe.example.com/api/v3/\npr.refresh.seconds=30\n"
                + "supervisor.idle.seconds=120\nsupervisor.cooldown.seconds = 45\nsupervisor.max.managers=2\n"
                + "supervisor.max.pokes=5\nagents.env = JAVA_HOME, MY_TOOL_*\nagents.sandbox=off\n");

        Settings s = Settings.load(file);

        assertThat(s.githubToken()).contains("ghp_abc");
        assertThat(s.githubApi()).hasToString("https://ghe.example.com/api/v3");
        assertThat(s.prRefreshEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.supervisor()).isEqualTo(new SupervisorSettings(Duration.ofSeconds(120), Duration.ofSeconds(45), 2,
                SupervisorSettings.DEFAULTS.attemptCeiling(), 5));
        assertThat(s.toString()).doesNotContain("ghp_abc");
        assertThat(s.agentEnv()).containsExactly("JAVA_HOME", "MY_TOOL_*");
        assertThat(s.sandbox()).isFalse();
        assertThat(Settings.DEFAULTS.sandbox()).isTrue();
    }

    @Test
    void theAgentsSignInSettingsBecomeTheirCliVariablesAndAreNeverPrinted() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "agents.claude.token=sk-ant-oat01-long-lived\nagents.codex.key=sk-proj-abc\n");
        Settings s = Settings.load(file);
        assertThat(s.agentSignIn()).containsExactlyInAnyOrderEntriesOf(Map.of("CLAUDE_CODE_OAUTH_TOKEN",
                "sk-ant-oat01-long-lived", "CODEX_API_KEY", "sk-proj-abc"));
        assertThat(s.toString()).doesNotContain("long-lived", "sk-proj").contains("CLAUDE_CODE_OAUTH_TOKEN");
        Files.writeString(file, "agents.claude.token = sk-ant-api03-key\n");
        assertThat(Settings.load(file).agentSignIn()).containsExactlyEntriesOf(Map.of("ANTHROPIC_API_KEY",
                "sk-ant-api03-key"));
        Files.writeString(file, "agents.codex.key=sk-proj-\\u0007bell\n");
        assertThatThrownBy(() -> Settings.load(file)).hasMessageContaining("agents.codex.key")
                .hasMessageNotContaining("sk-proj");
    }

    @Test
    void theEngineRunsWithTheSupervisorSettingsOfTheFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("settings.properties"),
                "supervisor.max.managers=2\nsupervisor.idle.seconds=300\n");
        try (Bosun bosun = Bosun.start(new DataDirectory(data), java.time.Clock.systemUTC())) {
            assertThat(bosun.operations().supervisorSettings().respawnBudget()).isEqualTo(2);
            assertThat(bosun.operations().supervisorSettings().idleAfter()).isEqualTo(Duration.ofSeconds(300));
        }
    }

    @Test
    void aBadValueOrAnUnknownKeyStopsTheStartWithTheNameOfWhatIsWrongAndTheFileIsKept() throws Exception {
        Path file = dir.resolve("settings.properties");
        for (String[] bad : List.of(new String[] {"pr.refresh.seconds=soon", "pr.refresh.seconds"},
                new String[] {"pr.refresh.seconds=1", "from 10 to 86400"},
                new String[] {"github.api=ftp://x", "github.api"},
                new String[] {"github.api=http://ghe.example.com/api/v3", "must use https"},
                new String[] {"githb.token=x", "unknown setting \"githb.token\""},
                new String[] {"supervisor.idle.seconds=0", "supervisor.idle.seconds must be a whole number from 10"},
                new String[] {"supervisor.cooldown.seconds=1.5", "supervisor.cooldown.seconds"},
                new String[] {"supervisor.max.managers=0",
                        "supervisor.max.managers must be a whole number from 1 to 16"},
                new String[] {"supervisor.max.pokes=many", "supervisor.max.pokes must be a whole number from 1 to 100"},
                new String[] {"agents.env=PATH,NOT A NAME", "\"NOT A NAME\" is not one"},
                new String[] {"agents.env=GITHUB_TOKEN", "agents.env lists GITHUB_TOKEN, a credential of Bosun's"},
                new String[] {"agents.sandbox=no", "agents.sandbox is auto"},
                new String[] {"agents.claude.token=ghp_other", "agents.claude.token is a token from `claude setup-token`"},
                new String[] {"agents.codex.key=sk two words", "agents.codex.key must be one word"},
                new String[] {"github.token=\\u12", "cannot be read"})) {
            Files.writeString(file, bad[0] + "\n");
            assertThatThrownBy(() -> Settings.load(file)).as(bad[0]).isInstanceOf(IOException.class)
                    .hasMessageContaining(bad[1]).hasMessageContaining(file.toString());
            assertThat(Files.readString(file)).isEqualTo(bad[0] + "\n");
        }
    }

    @Test
    void theTokenComesFromTheSettingsThenTheEnvironmentThenGh() throws Exception {
        Path gh = Files.writeString(dir.resolve("gh"), "#!/bin/sh\necho gho_from_gh\n");
        gh.toFile().setExecutable(true);
        List<String> ghCommand = List.of(gh.toString(), "auth", "token");
        ManualClock clock = new ManualClock();

        assertThat(new GitHubToken(Optional.of("ghp_set"), Map.of("GITHUB_TOKEN", "ghp_env"), ghCommand, clock)
                .get()).contains("ghp_set");
        assertThat(new GitHubToken(Optional.empty(), Map.of("GITHUB_TOKEN", "ghp_env"), ghCommand, clock).get())
                .contains("ghp_env");
        assertThat(new GitHubToken(Optional.empty(), Map.of(), ghCommand, clock).get()).contains("gho_from_gh");
        assertThat(new GitHubToken(Optional.empty(), Map.of(), List.of(dir.resolve("no-gh").toString()), clock)
                .get()).isEmpty();
    }
}
