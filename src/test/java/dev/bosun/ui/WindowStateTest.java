package dev.bosun.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The theme follows the desktop until the operator picks one; then their pick stays, whatever the desktop says. */
class WindowStateTest {
    @TempDir
    Path dir;

    @Test
    void withNoChoiceTheDesktopDecidesAndAChoiceOutlivesIt() throws Exception {
        Path file = dir.resolve("ui.properties");
        assertThat(WindowState.load(file).darkOr(true)).isTrue();
        assertThat(WindowState.load(file).darkOr(false)).isFalse();
        Files.writeString(file, "theme=light\n");
        assertThat(WindowState.load(file).darkOr(true)).as("the operator chose light").isFalse();
    }
}
