package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisedObjective.SessionView;
import dev.bosun.store.Database;
import java.util.Optional;

/** How the engine tells an objective's live manager what happened (a merge, a closed PR, a follow-up's outcome). */
final class ManagerChannel {
    private final Engine engine;
    private final Database db;
    private final Steering steering;

    ManagerChannel(Engine engine, Database db, Steering steering) {
        this.engine = engine;
        this.db = db;
        this.steering = steering;
    }

    /** Engine thread: delivers {@code text} to the objective's live manager; false if it has none right now. */
    boolean tell(String objectiveId, String text, Actor sender) {
        engine.assertEngineThread();
        return db.read(tx -> tx.supervision().inFull(objectiveId)).flatMap(ManagerChannel::liveManager)
                .map(m -> steering.deliver(m.id(), text, sender)).isPresent();
    }

    /** The objective's newest manager that has not ended. */
    static Optional<SessionView> liveManager(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER && s.live())
                .max(SessionView.NEWEST_LAST);
    }
}
