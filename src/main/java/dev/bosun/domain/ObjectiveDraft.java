package dev.bosun.domain;

/**
 * What the operator fills in to create an objective. Title and base branch may be blank; a null manager agent means
 * Bosun's default (Claude Code when it is installed, else the demo agent).
 */
public record ObjectiveDraft(String title, String prompt, String repository, String baseBranch,
        AgentKind managerAgent, Integer maxManagers) {

    /** The most managers one objective may be given: past that, more respawns are not what it needs. */
    public static final int MAX_MANAGERS = 50;

    /** With the managers budget of the supervisor.max.managers setting. */
    public ObjectiveDraft(String title, String prompt, String repository, String baseBranch, AgentKind managerAgent) {
        this(title, prompt, repository, baseBranch, managerAgent, null);
    }

    public ObjectiveDraft {
        title = trimmed(title);
        prompt = prompt == null ? "" : prompt.strip();
        repository = trimmed(repository);
        baseBranch = trimmed(baseBranch);
    }

    /** The title shown in tables: the given one, else the prompt's first line, shortened. */
    public String effectiveTitle() {
        if (!title.isEmpty()) {
            return title;
        }
        String firstLine = prompt.lines().findFirst().orElse("").strip();
        return firstLine.length() <= 80 ? firstLine : firstLine.substring(0, 79) + "…";
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }
}
