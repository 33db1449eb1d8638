package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.exec.Command;
import dev.bosun.exec.Result;
import dev.bosun.store.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples free disk space under each online target's work root. Below the floor, the scheduler places nothing there
 * (it reads the sample) and a GC pass runs at once; crossing the floor is recorded once, not on every sample.
 */
final class DiskWatch {
    private final Database db;
    private final TargetExecutors executors;
    private final WorkspaceGc gc;
    private final long floorMb;
    private final Set<String> low = new HashSet<>();

    DiskWatch(Database db, TargetExecutors executors, WorkspaceGc gc, long floorMb) {
        this.db = db;
        this.executors = executors;
        this.gc = gc;
        this.floorMb = floorMb;
    }

    /** One round of samples; io thread. */
    synchronized void sample() throws InterruptedException {
        for (Target t : db.read(tx -> tx.targets().all())) {
            if (t.status() != TargetStatus.ONLINE) {
                continue;
            }
            Long free = freeMb(t);
            if (free == null) {
                continue;
            }
            boolean wasLow = low.contains(t.id());
            boolean isLow = free < floorMb;
            db.write(tx -> {
                tx.targets().recordFreeDisk(t.id(), free);
                if (isLow != wasLow) {
                    tx.audit().record(null, null, isLow ? AuditType.DISK_PRESSURE : AuditType.DISK_OK, t.name()
                            + ": " + free
                            + " MiB free under " + t.workRoot() + (isLow ? ", below the floor of " + floorMb
                            + " MiB: no new sessions there, GC now" : ", above the floor again"), Actor.ENGINE);
                }
                return null;
            });
            sampleSizes(t);
            if (isLow) {
                low.add(t.id());
                gc.runNow();
            } else {
                low.remove(t.id());
            }
        }
    }

    /** One {@code du} for all the target's checkouts on disk; each size shows in the Workspaces table. */
    private void sampleSizes(Target t) throws InterruptedException {
        Map<String, String> paths = db.read(tx -> tx.workspaces().onDisk(t.id()));
        if (paths.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("du", "-sk", "--"));
        argv.addAll(paths.values());
        Map<String, Long> sizes = new HashMap<>();
        try {
            Result r = executors.forTarget(t).run(new Command(argv, null, Map.of(), null, Duration.ofMinutes(2)));
            for (String line : r.stdout().split("\n")) {
                String[] cols = line.split("\t", 2);
                if (cols.length == 2 && cols[0].strip().matches("\\d+")) {
                    sizes.put(cols[1].strip(), Long.parseLong(cols[0].strip()));
                }
            }
        } catch (java.io.IOException e) {
            return; // the next sample tries again
        }
        db.write(tx -> {
            for (Map.Entry<String, String> w : paths.entrySet()) {
                Long kb = sizes.get(w.getValue());
                if (kb != null) {
                    tx.workspaces().recordSize(w.getKey(), kb);
                }
            }
            return null;
        });
    }

    private Long freeMb(Target t) throws InterruptedException {
        try {
            Result r = executors.forTarget(t).run(Command.of("df", "-Pk", t.workRoot())
                    .withTimeout(Duration.ofSeconds(20)));
            String[] lines = r.stdout().strip().split("\n");
            String[] cols = lines[lines.length - 1].trim().split("\\s+");
            return r.ok() && cols.length >= 4 ? Long.parseLong(cols[3]) / 1024 : null;
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        }
    }
}
