package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.Ids;
import dev.bosun.domain.ObjectiveStatus;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages for an objective's manager while none is live: held durably, then handed to the next manager that starts
 * (queued on its session, so they reach it with its first prompt). Nothing meant for a manager is dropped.
 */
public final class ObjectiveNotices {
    private final Tx tx;

    ObjectiveNotices(Tx tx) {
        this.tx = tx;
    }

    public void hold(String objectiveId, String body, Actor sender) throws SQLException {
        tx.update("INSERT INTO objective_notices(id, objective_id, body, sender, created_at) VALUES (?, ?, ?, ?, ?)",
                Ids.next("ntc", tx.now()), objectiveId, body, sender, tx.now());
    }

    /** Queues every held notice of the objective for the manager session, oldest first; returns how many. */
    public int handTo(String objectiveId, String managerSessionId) throws SQLException {
        var held = tx.list("SELECT id, body, sender FROM objective_notices WHERE objective_id = ? AND handed_to IS NULL"
                + " ORDER BY created_at, id", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                objectiveId);
        for (String[] n : held) {
            tx.steering().enqueue(managerSessionId, n[1], new Actor(n[2]));
            tx.update("UPDATE objective_notices SET handed_to = ? WHERE id = ?", managerSessionId, n[0]);
        }
        return held.size();
    }

    /**
     * A manager ended before it read what was queued for it (it failed to start, or crashed first): those messages
     * are held again for the next manager. Returns how many.
     */
    public int takeBack(String objectiveId, String managerSessionId) throws SQLException {
        int n = 0;
        for (SteeringMessages.Message m : tx.steering().queued(managerSessionId)) {
            hold(objectiveId, m.body(), new Actor(m.sender()));
            tx.steering().markMoved(m.id());
            n++;
        }
        return n;
    }

    /** The notices the objective holds for its next manager, oldest first. */
    public java.util.List<String> held(String objectiveId) throws SQLException {
        return tx.list("SELECT body FROM objective_notices WHERE objective_id = ? AND handed_to IS NULL"
                + " ORDER BY created_at, id", rs -> rs.getString(1), objectiveId);
    }

    /** How many notices each live objective holds, for the objectives that hold any. */
    Map<String, Integer> heldByObjective() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        tx.list("SELECT n.objective_id, COUNT(*) FROM objective_notices n JOIN objectives o ON o.id = n.objective_id"
                + " WHERE n.handed_to IS NULL AND " + Sql.in("o.status", ObjectiveStatus.LIVE)
                + " GROUP BY n.objective_id", rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }
}
