package dev.bosun.engine;

import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.SshExecutor;
import dev.bosun.exec.SshTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The executor for each target: this machine, or the system ssh to the target's host (one per target). */
public class TargetExecutors {
    private final Path controlDir;
    private final Path knownHosts;
    private final Executor local = new LocalExecutor();
    private final Map<String, SshExecutor> ssh = new ConcurrentHashMap<>();

    /** The user's own known_hosts applies. */
    public TargetExecutors(Path controlDir) {
        this(controlDir, null);
    }

    /**
     * @param controlDir where SSH ControlMaster sockets live (a short, private folder)
     * @param knownHosts a known_hosts file of Bosun's own, or null for the user's
     */
    public TargetExecutors(Path controlDir, Path knownHosts) {
        this.controlDir = controlDir;
        this.knownHosts = knownHosts;
    }

    /** The target's executor; this machine's for no target (a session without a checkout). */
    public Executor forTarget(Target t) {
        if (t == null || t.kind() == TargetKind.LOCAL) {
            return local;
        }
        return sshFor(t);
    }

    /** The SSH executor of an SSH target. */
    public SshExecutor sshFor(Target t) {
        String key = t.id() + "|" + t.user() + "@" + t.host() + ":" + t.port();
        return ssh.computeIfAbsent(key, k -> new SshExecutor(new SshTarget(t.host(),
                t.user() == null || t.user().isBlank() ? null : t.user(), t.port(),
                t.identityFile() == null || t.identityFile().isBlank() ? null : t.identityFile()), controlDir, knownHosts));
    }
}
