package dev.bosun.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.bosun.domain.Redactor;

/**
 * The {@code %msg} of every log line, with passwords and tokens masked ({@link Redactor}): a repository URL with a
 * credential in it, or an error that quotes one, never reaches {@code bosun.log}.
 */
public final class RedactedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
