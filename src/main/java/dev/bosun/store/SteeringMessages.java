package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.Ids;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The durable queue of messages to agents: {@code queued} until delivered to a live process, then {@code delivered}. */
public final class SteeringMessages {
    /**
     * Where a message is: waiting for a live process, handed to one, or moved on (its manager ended before reading it,
     * so it is held for the objective's next manager).
     */
    public enum State { QUEUED, DELIVERED, MOVED }

    /** A message to a session's agent. */
    public record Message(String id, String sessionId, String body, String sender, State state, Instant createdAt,
            Instant deliveredAt) {}

    private final Tx tx;

    SteeringMessages(Tx tx) {
        this.tx = tx;
    }

    public Message enqueue(String sessionId, String body, Actor sender) throws SQLException {
        String id = Ids.next("msg", tx.now());
        tx.update("INSERT INTO steering_messages(id, session_id, body, sender, state, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, sessionId, body, sender, State.QUEUED, tx.now());
        return new Message(id, sessionId, body, sender.wire(), State.QUEUED, tx.now(), null);
    }

    /** False if it was not queued (any more): delivered or moved already. */
    public boolean markDelivered(String id) throws SQLException {
        return 1 == tx.update("UPDATE steering_messages SET state = ?, delivered_at = ? WHERE id = ? AND "
                + Sql.QUEUED_MESSAGE, State.DELIVERED, tx.now(), id);
    }

    public List<Message> queued(String sessionId) throws SQLException {
        return tx.list("SELECT * FROM steering_messages WHERE session_id = ? AND " + Sql.QUEUED_MESSAGE
                + " ORDER BY created_at, id", this::map, sessionId);
    }

    /** Marks a queued message as moved on to another session. */
    void markMoved(String id) throws SQLException {
        tx.update("UPDATE steering_messages SET state = ? WHERE id = ? AND " + Sql.QUEUED_MESSAGE, State.MOVED, id);
    }

    public List<Message> all(String sessionId) throws SQLException {
        return tx.list("SELECT * FROM steering_messages WHERE session_id = ? ORDER BY created_at, id", this::map,
                sessionId);
    }

    private Message map(java.sql.ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), rs.getString("session_id"), rs.getString("body"),
                rs.getString("sender"), Tx.enumOf(rs, "state", State.class), Tx.instant(rs, "created_at"),
                Tx.instant(rs, "delivered_at"));
    }
}
