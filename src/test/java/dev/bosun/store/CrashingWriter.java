package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ObjectiveDraft;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link DatabaseCrashTest}: commits {@code args[1]} objectives, then keeps writing inside one
 * transaction that never commits, until it is killed.
 */
public final class CrashingWriter {
    public static void main(String[] args) {
        Database db = Database.open(Path.of(args[0]), Clock.systemUTC());
        int committed = Integer.parseInt(args[1]);
        for (int i = 0; i < committed; i++) {
            int n = i;
            db.write(tx -> tx.objectives().create(draft("committed " + n), Actor.ENGINE));
        }
        System.out.println("COMMITTED " + committed);
        db.write(tx -> {
            for (int i = 0; ; i++) {
                tx.objectives().create(draft("uncommitted " + i), Actor.ENGINE);
                tx.transcripts().append("ses_x", dev.bosun.domain.TranscriptSource.AGENT,
                        dev.bosun.domain.TranscriptKind.TEXT, "x".repeat(4000));
                if (i == 200) {
                    System.out.println("IN_TRANSACTION");
                    System.out.flush();
                }
            }
        });
    }

    static ObjectiveDraft draft(String title) {
        return new ObjectiveDraft(title, "prompt " + title, "/repo", "", AgentKind.CLAUDE);
    }
}
