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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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
                sendQueued(run.get(), sessionId, "sent to the live agent");
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
     * Writes what is queued for a live interactive agent to it, oldest first, without waiting for the writes: an agent
     * that stopped reading must not hold the engine thread. Each outcome is recorded on the engine thread once its
     * write is done. A message not written (the input closed, or the agent is not reading it) stays queued: the next
     * message to the agent sends it first, or its next start has it in its prompt.
     */
    void sendQueued(AgentRun run, String sessionId, String how) {
        for (Message m : db.read(tx -> tx.steering().queued(sessionId))) {
            if (!inFlight.add(m.id())) {
                continue; // being written now
            }
            CompletableFuture<Boolean> written = run.send(m.body());
            if (written.isDone()) {
                if (!sent(m, written.handle((ok, error) -> error == null && ok).join(), how)) {
                    return; // later ones would overtake it
                }
            } else {
                // if Bosun is closing, the engine takes no more tasks: the message stays queued, and is sent again
                written.whenComplete((ok, error) -> engine.onEngine(() -> sent(m, error == null && ok, how)));
            }
        }
    }

    /** Engine thread: the ids of messages being written now. */
    private final Set<String> inFlight = new HashSet<>();

    private boolean sent(Message m, boolean written, String how) {
        inFlight.remove(m.id());
        if (written) {
            markDelivered(m, how);
            return true;
        }
        db.write(tx -> {
            if (tx.steering().queued(m.sessionId()).stream().anyMatch(q -> q.id().equals(m.id()))) {
                tx.transcripts().append(m.sessionId(), TranscriptSource.SYSTEM, TranscriptKind.STATUS,
                        "[" + m.id() + " not delivered: the agent's input is closed or it is not reading it; it stays"
                                + " queued]");
            }
            return null;
        });
        return false;
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
