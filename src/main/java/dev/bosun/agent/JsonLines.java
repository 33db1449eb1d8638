package dev.bosun.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bosun.domain.TranscriptKind;
import java.util.List;
import java.util.Optional;

/** What the JSON-lines parsers share: reading a line that may not be JSON at all, and clipping long texts. */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int CLIP = 4000;

    private JsonLines() {}

    /** The line's JSON object; otherwise empty, and a non-blank line is kept as plain text in {@code out}. */
    static Optional<JsonNode> object(String line, List<AgentEvent> out) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) {
                return Optional.of(node);
            }
        } catch (Exception e) {
            // not JSON: a hook's or the CLI's own plain output
        }
        if (!line.isBlank()) {
            out.add(new AgentEvent.Output(TranscriptKind.TEXT, line, null));
        }
        return Optional.empty();
    }

    static String clip(String text) {
        return text.length() <= CLIP ? text : text.substring(0, CLIP) + "…";
    }

    /** A text's first line as an activity, at most 160 characters; null when it is empty. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? null : line.length() <= 160 ? line : line.substring(0, 159) + "…";
    }
}
