package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class RedactedMessageTest {
    @Test
    void aLogLineNeverCarriesACredential() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.bosun.test"), Level.WARN,
                "Could not fetch {}: {}", null, new Object[] {"https://bot:hunter2-plain@github"
                        + ".com/acme/app.git", "Authorization: Bearer abcdefgh12345678"});
        String line = new RedactedMessage().convert(event);
        assertThat(line).startsWith("Could not fetch https://bot:••••@github.com/acme/app.git")
                .doesNotContain("hunter2", "abcdefgh12345678");
    }
}
