package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file as the console's dialog writes it: checked as a start checks it, comments kept, 0600. */
class SettingsFileEditorTest {
    @TempDir
    Path dir;

    @Test
    void aChangeReplacesItsLineKeepsCommentsAndOrderAndTheFileStaysPrivate() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "# my settings\npr.refresh.seconds = 60\n# the token, from the vault\n"
                + "github.token=ghp_secret\nsupervisor.max.pokes=3\n");
        SettingsFileEditor editor = new SettingsFileEditor(file);
        assertThat(editor.values()).containsEntry("pr.refresh.seconds", "60").doesNotContainKey("github.token");
        assertThat(editor.secretsSet()).containsExactly("github.token");

        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("pr.refresh.seconds", "120");
        changes.put("supervisor.max.pokes", ""); // back to its default
        changes.put("agents.env", "NPM_TOKEN, JAVA_*");
        editor.save(changes);

        assertThat(Files.readString(file)).isEqualTo("# my settings\npr.refresh.seconds=120\n"
                + "# the token, from the vault\ngithub.token=ghp_secret\nagents.env=NPM_TOKEN, JAVA_*\n");
        assertThat(Settings.load(file).prRefreshEvery()).hasSeconds(120);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void whatAStartWouldRefuseIsRefusedWithItsMessageAndNothingChanges() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "pr.refresh.seconds=60\n");
        SettingsFileEditor editor = new SettingsFileEditor(file);
        assertThatThrownBy(() -> editor.save(Map.of("pr.refresh.seconds", "5")))
                .hasMessageContaining("pr.refresh.seconds must be a whole number from 10 to 86400");
        assertThatThrownBy(() -> editor.save(Map.of("agents.env", "GITHUB_TOKEN")))
                .hasMessageContaining("a credential of Bosun's that no agent gets");
        assertThatThrownBy(() -> editor.save(Map.of("made.up", "1"))).hasMessageContaining("not a setting");
        assertThat(Files.readString(file)).isEqualTo("pr.refresh.seconds=60\n");
    }

    @Test
    void aKeyWrittenTwiceIsChangedOnceAndItsLaterCopyGoesSoTheChangeHolds() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "github.token=ghp_one\npr.refresh.seconds=60\ngithub.token=ghp_two\n"
                + "agents.env=A_*, \\\n  B_*\n");
        new SettingsFileEditor(file).save(Map.of("github.token", "", "agents.env", "C_*"));
        assertThat(Settings.load(file).githubToken()).as("removed, both copies").isEmpty();
        assertThat(Settings.load(file).agentEnv()).containsExactly("C_*");
        assertThat(Files.readString(file)).isEqualTo("pr.refresh.seconds=60\nagents.env=C_*\n");
        assertThat(dir.resolve("settings.properties.tmp")).doesNotExist();
    }

    @Test
    void withNoFileTheFirstSaveMakesIt() throws Exception {
        Path file = dir.resolve("settings.properties");
        new SettingsFileEditor(file).save(Map.of("github.token", "ghp_new"));
        assertThat(Settings.load(file).githubToken()).contains("ghp_new");
    }
}
