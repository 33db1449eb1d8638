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
    private final Runnable wake;

    ManagerChannel(Engine engine, Database db, Steering steering, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.steering = steering;
        this.wake = wake;
    }

    /**
     * Engine thread: delivers {@code text} to the objective's live manager or, with none live, holds it for the next
     * one, which the supervisor starts for it. True unless the objective has ended (nobody will hear it then).
     */
    boolean tell(String objectiveId, String text, Actor sender) {
        engine.assertEngineThread();
        Optional<SupervisedObjective> live = db.read(tx -> tx.supervision().inFull(objectiveId));
        if (live.isEmpty()) {
            return false;
        }
        Optional<SessionView> manager = liveManager(live.get());
        if (manager.isPresent()) {
            steering.deliver(manager.get().id(), text, sender);
        } else {
            db.write(tx -> {
                tx.notices().hold(objectiveId, text, sender);
                return null;
            });
            wake.run();
        }
        return true;
    }

    /** The objective's newest manager that has not ended. */
    static Optional<SessionView> liveManager(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER && s.live())
                .max(SessionView.NEWEST_LAST);
    }
}
