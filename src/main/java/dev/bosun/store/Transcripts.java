package dev.bosun.store;

import dev.bosun.domain.TranscriptEntry;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.domain.TranscriptSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-session transcripts with a monotonic sequence (1, 2, 3 … per session, assigned inside the write transaction).
 * They are read only in pages and never joined into the tables' queries.
 */
public final class Transcripts {
    /** The most a page may hold, whatever the caller asks for. */
    public static final int MAX_PAGE = 1000;

    private final Tx tx;

    Transcripts(Tx tx) {
        this.tx = tx;
    }

    public TranscriptEntry append(String sessionId, TranscriptSource source, TranscriptKind kind, String content)
            throws SQLException {
        long seq = tx.one("SELECT COALESCE(MAX(seq), 0) + 1 FROM transcript_entries WHERE session_id = ?",
                rs -> rs.getLong(1), sessionId).orElse(1L);
        tx.update("INSERT INTO transcript_entries(session_id, seq, at, source, kind, content)"
                + " VALUES (?, ?, ?, ?, ?, ?)", sessionId, seq, tx.now(), source, kind, content);
        return new TranscriptEntry(sessionId, seq, tx.now(), source, kind, content);
    }

    /** Entries with {@code seq > afterSeq}, oldest first: follow a live transcript or read it forwards. */
    public List<TranscriptEntry> after(String sessionId, long afterSeq, int limit) throws SQLException {
        return tx.list("SELECT * FROM transcript_entries WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                Transcripts::map, sessionId, afterSeq, clamp(limit));
    }

    /** The {@code limit} entries just before {@code beforeSeq}, oldest first: scroll back from the end. */
    public List<TranscriptEntry> before(String sessionId, long beforeSeq, int limit) throws SQLException {
        List<TranscriptEntry> page = new ArrayList<>(tx.list("SELECT * FROM transcript_entries"
                        + " WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                Transcripts::map, sessionId, beforeSeq, clamp(limit)));
        Collections.reverse(page);
        return page;
    }

    public long lastSeq(String sessionId) throws SQLException {
        return tx.one("SELECT COALESCE(MAX(seq), 0) FROM transcript_entries WHERE session_id = ?",
                rs -> rs.getLong(1), sessionId).orElse(0L);
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    static TranscriptEntry map(ResultSet rs) throws SQLException {
        return new TranscriptEntry(rs.getString("session_id"), rs.getLong("seq"), Tx.instant(rs, "at"),
                Tx.enumOf(rs, "source", TranscriptSource.class), Tx.enumOf(rs, "kind", TranscriptKind.class),
                rs.getString("content"));
    }
}
