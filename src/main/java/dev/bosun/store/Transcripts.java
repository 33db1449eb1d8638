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
    /** How much of a session's transcript is kept: its first and its last entries. */
    public static final int KEEP_HEAD = 2_000;
    public static final int KEEP_TAIL = 8_000;

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

    /** One line to store. */
    public record Line(TranscriptKind kind, String content) {}

    /**
     * Appends {@code lines} and keeps the session's transcript bounded: its first {@link #KEEP_HEAD} entries (how it
     * began) and its last {@link #KEEP_TAIL} (how it is going) stay; what was between is one marker entry saying how
     * many lines were dropped there, so an agent printing without end costs a bounded part of the database.
     */
    public void appendBounded(String sessionId, TranscriptSource source, List<Line> lines) throws SQLException {
        long seq = lastSeq(sessionId);
        for (Line line : lines) {
            seq++;
            tx.update("INSERT INTO transcript_entries(session_id, seq, at, source, kind, content)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", sessionId, seq, tx.now(), source, line.kind(), line.content());
        }
        long marker = KEEP_HEAD + 1;
        long lastDropped = seq - KEEP_TAIL;
        if (lastDropped > marker) {
            tx.update("DELETE FROM transcript_entries WHERE session_id = ? AND seq > ? AND seq <= ?", sessionId,
                    marker, lastDropped);
            tx.update("UPDATE transcript_entries SET source = ?, kind = ?, content = ? WHERE session_id = ? AND seq = ?",
                    TranscriptSource.SYSTEM, TranscriptKind.STATUS, String.format(java.util.Locale.ROOT,
                            "… %,d lines dropped here: Bosun keeps a session's first %,d and its last %,d …",
                            lastDropped - marker + 1, KEEP_HEAD, KEEP_TAIL), sessionId, marker);
        }
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
