package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    @Test
    void followsEachOperatingSystemsConvention() {
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", "/home/ann").root())
                .isEqualTo(Path.of("/home/ann/.local/share/bosun"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/data/ann"), "Linux", "/home/ann").root())
                .isEqualTo(Path.of("/data/ann/bosun"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/ann").root())
                .as("the XDG spec says to ignore a relative path").isEqualTo(Path.of("/home/ann/.local/share/bosun"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", "/Users/ann").root())
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/Bosun"));
        assertThat(DataDirectory.resolve(null, Map.of("APPDATA", "/c/Users/ann/AppData/Roaming"), "Windows 11",
                "/c/Users/ann").root()).isEqualTo(Path.of("/c/Users/ann/AppData/Roaming/Bosun"));
    }

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of("BOSUN_HOME", "/srv/bosun", "XDG_DATA_HOME", "/data");
        assertThat(DataDirectory.resolve("/tmp/b", env, "Linux", "/home/ann").root()).isEqualTo(Path.of("/tmp/b"));
        assertThat(DataDirectory.resolve(null, env, "Linux", "/home/ann").root()).isEqualTo(Path.of("/srv/bosun"));
        assertThat(DataDirectory.resolve("", env, "Linux", "/home/ann").root()).isEqualTo(Path.of("/srv/bosun"));
    }

    @Test
    void knowsWhereEachThingLives() {
        DataDirectory d = new DataDirectory(Path.of("/d"));
        assertThat(d.database()).isEqualTo(Path.of("/d/bosun.db"));
        assertThat(d.logs()).isEqualTo(Path.of("/d/logs"));
        assertThat(d.lockFile()).isEqualTo(Path.of("/d/bosun.lock"));
        assertThat(d.workRoot()).isEqualTo(Path.of("/d/work"));
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThat(CommandLine.parse(new String[] {"--headless", "--data-dir", "/x"}))
                .isEqualTo(new CommandLine(true, "/x", false, false));
        assertThat(CommandLine.parse(new String[] {"--self-check"})).as("a self-check runs without a window")
                .isEqualTo(new CommandLine(true, null, false, true));
        assertThat(CommandLine.parse(new String[] {"--data-dir=/y"}).dataDir()).isEqualTo("/y");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLine.parse(new String[] {"--hedless"}))
                .hasMessage("unknown option --hedless");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLine.parse(new String[] {"--data-dir"}))
                .hasMessageContaining("needs a folder");
    }
}
