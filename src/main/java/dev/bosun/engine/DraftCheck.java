package dev.bosun.engine;

import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.RepositoryLocation;
import dev.bosun.domain.UnsafeText;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks an {@link ObjectiveDraft} before anything is written. The messages are shown next to the fields, so each
 * says what is wrong and what would be right.
 */
final class DraftCheck {
    private DraftCheck() {}

    /** Field name → message; empty when the draft is good. */
    static Map<String, String> problems(ObjectiveDraft draft) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (draft.prompt().isEmpty()) {
            errors.put("prompt", "A prompt is required: say what the agents should do.");
        }
        UnsafeText.find(draft.title(), false).ifPresent(why -> errors.put("title", "The title contains " + why
                + ", which could make it show other than it is. Remove it."));
        UnsafeText.find(draft.prompt(), true).ifPresent(why -> errors.put("prompt", "The prompt contains " + why
                + ", which could hide words from you. Remove it."));
        String repo = draft.repository();
        if (repo.isEmpty()) {
            errors.put("repository", "A repository is required: a local git repository folder or a git URL.");
        } else if (RepositoryLocation.isUrl(repo) && !dev.bosun.domain.Redactor.redact(repo).equals(repo)) {
            errors.put("repository", "The URL carries a password or token (" + dev.bosun.domain.Redactor.redact(repo)
                    + "): it would be stored, shown and passed to every git command. Remove it, and let git find "
                    + "it in a credential helper (git config --global credential.helper), or set github.token in "
                    + "settings.properties for GitHub.");
        } else if (!RepositoryLocation.isUrl(repo)) {
            String problem = localRepositoryProblem(repo);
            if (problem != null) {
                errors.put("repository", problem);
            }
        }
        if (!draft.baseBranch().isEmpty() && !draft.baseBranch().matches("[A-Za-z0-9._/-]+")
                || draft.baseBranch().startsWith("-") || draft.baseBranch().contains("..")) {
            errors.put("baseBranch", "Not a valid branch name: " + draft.baseBranch());
        }
        Integer budget = draft.maxManagers();
        if (budget != null && (budget < 1 || budget > ObjectiveDraft.MAX_MANAGERS)) {
            errors.put("maxManagers", "The managers budget must be between 1 and " + ObjectiveDraft.MAX_MANAGERS
                    + ", not " + budget + ".");
        }
        return errors;
    }

    /** The absolute, normalised form of a local path (with {@code ~} expanded); URLs are returned as given. */
    static String normalisedRepository(String repo) {
        return RepositoryLocation.isUrl(repo) ? repo : resolve(repo).toString();
    }

    private static String localRepositoryProblem(String repo) {
        Path path;
        try {
            path = resolve(repo);
        } catch (InvalidPathException e) {
            return "Not a valid path or git URL: " + repo;
        }
        if (!Files.exists(path)) {
            return "No such folder: " + path + ". Give an existing git repository or a git URL.";
        }
        if (!Files.isDirectory(path)) {
            return "Not a folder: " + path + ". Give a git repository folder or a git URL.";
        }
        boolean worktree = Files.exists(path.resolve(".git"));
        boolean bare = Files.isRegularFile(path.resolve("HEAD")) && Files.isDirectory(path.resolve("objects"))
                && Files.isDirectory(path.resolve("refs"));
        if (!worktree && !bare) {
            return "Not a git repository: " + path + " (no .git inside). Run 'git init' there or pick another folder.";
        }
        return null;
    }

    private static Path resolve(String repo) {
        String expanded = repo.equals("~") || repo.startsWith("~/")
                ? System.getProperty("user.home") + repo.substring(1) : repo;
        return Path.of(expanded).toAbsolutePath().normalize();
    }
}
