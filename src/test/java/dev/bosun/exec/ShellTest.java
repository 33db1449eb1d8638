package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void aQuotedWordReachesTheProgramExactlyAsItWas() throws Exception {
        Files.deleteIfExists(Path.of("/tmp/bosun-pwned"));
        LocalExecutor local = new LocalExecutor();
        for (String word : HostileStrings.ALL) {
            // the shell parses the quoted line; printf prints its argument back untouched
            Result r = local.run(Command.of("sh", "-c", "printf '%s' " + Shell.quote(word)));
            assertThat(r.stdout()).as("word %s", word).isEqualTo(word);
        }
        Result joined = local.run(Command.of("sh", "-c", "printf '[%s]' " + Shell.join(List.of("a b", "it's", ""))));
        assertThat(joined.stdout()).isEqualTo("[a b][it's][]");
        assertThat(Path.of("/tmp/bosun-pwned")).doesNotExist();
    }

    @Test
    void safeWordsStayReadable() {
        assertThat(Shell.quote("git")).isEqualTo("git");
        assertThat(Shell.quote("/srv/work/ses_01")).isEqualTo("/srv/work/ses_01");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
