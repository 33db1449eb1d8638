package dev.bosun.tools;

import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.WireNames;
import dev.bosun.engine.OperationRefused;
import dev.bosun.engine.Operations;
import dev.bosun.engine.TargetOperations;
import dev.bosun.store.Database;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The operator's surface: what the console can do, for scripts and other MCP clients holding the operator token. */
final class OperatorTools {
    private OperatorTools() {}

    static List<Tool> tools(Operations ops, Database db) {
        List<Tool> all = new java.util.ArrayList<>(objectiveTools(ops, db));
        all.addAll(targetTools(ops.targets(), db));
        return all;
    }

    private static List<Tool> objectiveTools(Operations ops, Database db) {
        Param objectiveId = Param.text("objective_id", "The objective's id.", AgentTools.ID);
        return List.of(
                new Tool("list_objectives", "The objectives that have not ended.", List.of(),
                        (caller, a) -> db.read(tx -> tx.objectives().live()).stream().map(Views::objective).toList()),
                new Tool("get_objective", "One objective with its sessions, pull requests and open questions.",
                        List.of(objectiveId), (caller, a) -> db.read(tx -> {
                            var o = tx.objectives().byId(a.text("objective_id")).orElseThrow(() ->
                                    new OperationRefused("There is no objective " + a.text("objective_id") + "."));
                            return Map.of("objective", Views.objective(o),
                                    "sessions", tx.sessions().forObjective(o.id()).stream().map(Views::worker).toList(),
                                    "pull_requests", tx.pullRequests().forObjective(o.id()).stream()
                                            .map(Views::pullRequest).toList(),
                                    "open_questions", tx.questions().openFor(o.id()).stream().map(Views::question)
                                            .toList());
                        })),
                new Tool("create_objective", "Create an objective; Bosun starts its manager.",
                        List.of(Param.text("prompt", "What should be achieved.", AgentTools.TASK),
                                Param.text("repository", "A local git repository path or a git URL.", 2000),
                                Param.optionalText("title", "A short name; taken from the prompt if left out.",
                                        AgentTools.TITLE),
                                Param.optionalText("base_branch", "The branch to start from; the default branch if "
                                        + "left out.", 255),
                                Param.optionalText("agent", "The manager's agent: claude, codex, command or demo; "
                                        + "Bosun's default if left out.", 16),
                                Param.optionalInteger("max_managers", "How many managers may run and end without "
                                        + "finishing before you are asked, 1 to 50; the supervisor.max.managers "
                                        + "setting if left out.")),
                        (caller, a) -> ops.createObjective(new ObjectiveDraft(a.text("title"), a.text("prompt"),
                                a.text("repository"), a.text("base_branch"), AgentTools.agent(a.text("agent")),
                                a.optionalInteger("max_managers")))
                                .thenApply(Views::objective)),
                new Tool("answer_question", "Answer an open question; the answer reaches whoever asked.",
                        List.of(Param.text("question_id", "The question's id.", AgentTools.ID),
                                Param.text("answer", "The answer.", AgentTools.TEXT)),
                        (caller, a) -> ops.answerQuestion(a.text("question_id"), a.text("answer"))
                                .thenApply(v -> "Answered.")),
                new Tool("force_poke", "Poke the objective's live manager now.", List.of(objectiveId),
                        (caller, a) -> ops.forcePoke(a.text("objective_id")).thenApply(v -> "Poked.")),
                new Tool("approve_respawn", "Allow more manager respawns past the budget, and start one if none runs.",
                        List.of(objectiveId, Param.integer("count", "How many more respawns, 1 to 16.")),
                        (caller, a) -> ops.approveRespawn(a.text("objective_id"), a.integer("count"))
                                .thenApply(v -> "Approved.")),
                new Tool("cancel_objective", "Cancel an objective and everything of it still running.",
                        List.of(objectiveId, Param.optionalText("reason", "Why, for the record.", AgentTools.TITLE)),
                        (caller, a) -> ops.cancelObjective(a.text("objective_id"), a.text("reason"))
                                .thenApply(Views::objective)),
                new Tool("merge_pr", "Merge an open pull request of an objective into its base; its manager is told. "
                        + "Refused if its head moved from the one given, if it conflicts, or if its checks fail "
                        + "(unless despite_failing_checks is yes).", List.of(objectiveId,
                                Param.integer("pr", "The PR's number."),
                                Param.optionalText("method", "merge (a merge commit, the default), squash or rebase.",
                                        10),
                                Param.optionalText("head", "The head commit you looked at; refused if it moved.", 64),
                                Param.optionalText("despite_failing_checks", "yes to merge although its checks fail.",
                                        3)),
                        (caller, a) -> {
                            String method = a.text("method") == null ? "merge" : a.text("method");
                            String despite = a.text("despite_failing_checks");
                            if (!List.of("merge", "squash", "rebase").contains(method)
                                    || despite != null && !List.of("yes", "no").contains(despite)) {
                                return CompletableFuture.failedFuture(new OperationRefused("method is merge, squash "
                                        + "or rebase, and despite_failing_checks yes or no."));
                            }
                            return ops.mergePullRequest(pullRequestId(db, a.text("objective_id"), a.integer("pr")),
                                    new MergeRequest(a.text("head"), WireNames.parse(MergeMethod.class, method),
                                            "yes".equals(despite)))
                                    .thenApply(Views::pullRequest);
                        }),
                new Tool("refresh_prs", "Ask the forges about every open pull request now (also done every minute).",
                        List.of(), (caller, a) -> ops.refreshPullRequests().thenApply(r -> r.problems().isEmpty()
                                ? r.refreshed() + " refreshed." : r.refreshed() + " refreshed; not refreshed: "
                                + String.join("; ", r.problems()))),
                new Tool("run_gc", "Reclaim the checkouts nothing needs any more, now.", List.of(),
                        (caller, a) -> ops.runGcNow().thenApply(r -> r.skipped() ? "A GC pass is already running."
                                : r.reclaimed() + " checkout" + (r.reclaimed() == 1 ? "" : "s") + " reclaimed.")));
    }

    /** The Targets screen's actions, with the same validation (it is {@link TargetOperations} for both). */
    private static List<Tool> targetTools(TargetOperations targets, Database db) {
        Param target = Param.text("target", "The target's name (or id).", AgentTools.ID);
        return List.of(
                new Tool("list_targets", "Every target: where it is, its status, capacity, labels, free disk and its "
                        + "last doctor report.", List.of(), (caller, a) -> db.read(tx -> {
                            List<Map<String, Object>> out = new java.util.ArrayList<>();
                            for (Target t : tx.targets().all()) {
                                out.add(Views.target(t, tx.targets().doctorReport(t.id()),
                                        tx.targets().freeDiskMb(t.id())));
                            }
                            return out;
                        })),
                new Tool("add_target", "Add an SSH host as a target. Bosun examines it first (connection, git, a "
                        + "writable work root, an agent CLI): it is online if that passed, else offline with what to "
                        + "fix.", List.of(Param.text("name", "A short name: letters, digits, '.', '_' or '-'.", 63),
                                Param.text("host", "The host name or address (your ~/.ssh/config applies).", 255),
                                Param.text("work_root", "An absolute folder on the host for the checkouts.", 1000),
                                Param.optionalText("user", "The SSH user; ssh's default if left out.", 64),
                                Param.optionalInteger("port", "The SSH port; 22 if left out."),
                                Param.optionalText("identity_file", "A private key file on this machine; your ssh "
                                        + "agent and config if left out.", 1000),
                                Param.optionalInteger("capacity", "How many sessions it runs at once, 1 to 256; 2 if "
                                        + "left out."),
                                Param.optionalText("labels", "Comma-separated labels workers can ask for "
                                        + "(e.g. gpu,linux).", 255)),
                        (caller, a) -> targets.add(new TargetOperations.SshTargetSpec(a.text("name"), a.text("host"),
                                a.text("user"), orElse(a.optionalInteger("port"), 22), a.text("identity_file"),
                                a.text("work_root"), orElse(a.optionalInteger("capacity"), 2), a.text("labels")))
                                .thenApply(t -> Views.target(t, db.read(tx -> tx.targets().doctorReport(t.id())),
                                        null))),
                new Tool("set_target_capacity", "How many sessions a target runs at once (0 to 256; 0 takes none).",
                        List.of(target, Param.integer("capacity", "Sessions at once, 0 to 256.")),
                        (caller, a) -> targets.setCapacity(targetId(db, a.text("target")), a.integer("capacity"))
                                .thenApply(v -> "Capacity set.")),
                statusTool(targets, db, target, "drain_target", "Drain a target: it takes no new sessions, and those "
                        + "running finish.", TargetStatus.DRAINING),
                statusTool(targets, db, target, "enable_target", "Put a drained, disabled or offline target back "
                        + "in service.", TargetStatus.ONLINE),
                statusTool(targets, db, target, "disable_target", "Take a target out of service: it takes no new "
                        + "sessions.", TargetStatus.DISABLED),
                new Tool("remove_target", "Remove an SSH target: sessions waiting for it fail, saying so; refused "
                        + "while a session starts or runs there (drain it first). Its checkouts stay on the host.",
                        List.of(target), (caller, a) -> targets.remove(targetId(db, a.text("target")))
                                .thenApply(t -> Views.target(t, null, null))),
                new Tool("examine_target", "Run the doctor on a target now: connection, git, work root, agent "
                        + "CLIs, gh, free disk. An online or offline target's status follows the result.",
                        List.of(target), (caller, a) -> targets.runDoctor(targetId(db, a.text("target")))
                                .thenApply(r -> (r.passed() ? "Passed" : "Failed") + ":\n" + r.text())));
    }

    private static Tool statusTool(TargetOperations targets, Database db, Param target, String name,
            String description, TargetStatus to) {
        return new Tool(name, description, List.of(target), (caller, a) -> targets.setStatus(
                targetId(db, a.text("target")), to).thenApply(t -> Views.target(t, null, null)));
    }

    private static String targetId(Database db, String nameOrId) {
        return db.read(tx -> {
            java.util.Optional<Target> byName = tx.targets().byName(nameOrId);
            return byName.isPresent() ? byName : tx.targets().byId(nameOrId);
        }).map(Target::id).orElseThrow(() -> new OperationRefused("There is no target " + nameOrId + "."));
    }

    private static int orElse(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static String pullRequestId(Database db, String objectiveId, int number) {
        return db.read(tx -> tx.pullRequests().forObjective(objectiveId)).stream()
                .filter(pr -> pr.number() == number).findFirst().map(pr -> pr.id())
                .orElseThrow(() -> new OperationRefused("Objective " + objectiveId + " has no PR #" + number + "."));
    }
}
