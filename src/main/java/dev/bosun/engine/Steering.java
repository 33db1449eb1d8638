package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.agent.AgentRun;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.domain.TranscriptSource;
import dev.bosun.store.Database;
import dev.bosun.store.SteeringMessages.Message;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers a message to a session's agent, never dropping it. Every message is first stored as {@code queued}; a live
 * interactive process gets it as one input line at once; a live one-shot worker is stopped and resumed with it; a
 * one-shot manager gets it when its turn ends; a session with no live process gets it, in order, when it next starts.
 * Each step shows in the transcript.
 */
public final class Steering {
    private final Engine engine;
    private final Database db;
    private final LiveRuns runs;
    private final Runnable wake;

    Steering(Engine engine, Database db, LiveRuns runs, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.runs = runs;
        this.wake = wake;
    }

    /** Engine thread only. Returns the stored message. */
    public Message deliver(String sessionId, String body, Actor sender) {
        engine.assertEngineThread();
        Message m = db.write(tx -> {
            Message queued = tx.steering().enqueue(sessionId, body, sender);
            tx.transcripts().append(sessionId, TranscriptSource.USER, TranscriptKind.TEXT,
                    "[" + queued.id() + " from " + sender + ", queued] " + body);
            return queued;
        });
        Optional<AgentRun> run = runs.get(sessionId);
        if (run.isPresent() && run.get().alive()) {
            if (run.get().interactive()) {
                sendNow(run.get(), m, "sent to the live agent");
            } else if (db.read(tx -> tx.sessions().byId(sessionId)).map(s -> s.role() != SessionRole.MANAGER)
                    .orElse(false)) {
                // A one-shot worker reads no more input: stop it and resume its conversation with the message.
                runs.requestRestart(sessionId);
                run.get().cancel();
            }
            // A one-shot manager mid-turn is not cut short (a poke must not cancel the work it is doing): the end of
            // its turn resumes it with what is queued.
        } else if (run.isEmpty() && wakeIfIdle(sessionId)) {
            wake.run(); // an idle manager resumes with the message
        }
        return m;
    }

    private boolean wakeIfIdle(String sessionId) {
        return db.write(tx -> {
            Optional<Session> s = tx.sessions().byId(sessionId);
            return s.isPresent() && s.get().status() == SessionStatus.IDLE && tx.sessions().transition(sessionId,
                    SessionStatus.QUEUED, "a message arrived", Actor.ENGINE).applied();
        });
    }

    /**
     * Writes a queued message to a live interactive agent, without waiting for the write: an agent that stopped
     * reading must not hold the engine thread. The outcome is recorded on the engine thread once the write is done. A
     * write that fails leaves it queued (the agent's next start gets it) and says so in the transcript.
     */
    void sendNow(AgentRun run, Message m, String how) {
        CompletableFuture<Boolean> written = run.send(m.body());
        if (written.isDone()) {
            sent(m, written.join(), how);
        } else {
            written.thenAccept(ok -> engine.onEngine(() -> {
                sent(m, ok, how);
                return null;
            }));
        }
    }

    private void sent(Message m, boolean written, String how) {
        if (written) {
            markDelivered(m, how);
            return;
        }
        db.write(tx -> {
            tx.transcripts().append(m.sessionId(), TranscriptSource.SYSTEM, TranscriptKind.STATUS,
                    "[" + m.id() + " not delivered: the agent's input is closed or it is not reading it; it stays"
                            + " queued for its next start]");
            return null;
        });
    }

    /**
     * A delivered message counts as activity: the agent gets its full idle time to act on it. A message no longer
     * queued (its write finished after a restart put it in the new start prompt) is left as it is.
     */
    void markDelivered(Message m, String how) {
        db.write(tx -> {
            if (tx.steering().markDelivered(m.id())) {
                tx.sessions().recordInput(m.sessionId());
                tx.transcripts().append(m.sessionId(), TranscriptSource.SYSTEM, TranscriptKind.STATUS,
                        "[" + m.id() + " delivered: " + how + "]");
            }
            return null;
        });
    }
}
