package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Asking the desktop for its theme answers or says nothing; it never fails a start (it once did, on every start). */
class DesktopThemeTest {
    @Test
    void aCommandsAnswerIsReadAndAMissingOrFailingOneIsNothing() {
        assertThat(DesktopTheme.ask(List.of("sh", "-c", "echo \"'prefer-dark'\""))).contains("prefer-dark");
        assertThat(DesktopTheme.ask(List.of("sh", "-c", "cat; echo done"))).as("its input is closed").contains("done");
        assertThat(DesktopTheme.ask(List.of("no-such-program-bosun"))).isEmpty();
        assertThat(DesktopTheme.ask(List.of("sh", "-c", "echo dark; exit 3"))).isEmpty();
        assertThatCode(DesktopTheme::prefersDark).doesNotThrowAnyException();
    }
}
