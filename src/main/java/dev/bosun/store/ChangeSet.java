package dev.bosun.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a write transaction touched, so that exactly those UI rows are reloaded and published after commit. */
final class ChangeSet {
    final Set<String> objectives = new LinkedHashSet<>();
    final Set<String> sessions = new LinkedHashSet<>();
    final Set<String> pullRequests = new LinkedHashSet<>();
    final Set<String> workspaces = new LinkedHashSet<>();
    final Set<String> targets = new LinkedHashSet<>();
    final Set<String> questions = new LinkedHashSet<>();
    final List<Long> auditSeqs = new ArrayList<>();

    boolean isEmpty() {
        return objectives.isEmpty() && sessions.isEmpty() && pullRequests.isEmpty() && workspaces.isEmpty()
                && targets.isEmpty() && questions.isEmpty() && auditSeqs.isEmpty();
    }
}
