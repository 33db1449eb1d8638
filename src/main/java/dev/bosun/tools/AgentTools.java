package dev.bosun.tools;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.SessionRole;
import dev.bosun.engine.AgentOperations;
import dev.bosun.engine.AgentOperations.WorkerRequest;
import dev.bosun.engine.OperationRefused;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tools a manager and a worker get. Every one acts as the caller's session, for the caller's objective only. */
final class AgentTools {
    static final int TITLE = 200;
    static final int TEXT = 16_000;
    static final int TASK = 64_000;
    static final int ID = 64;

    private AgentTools() {}

    static List<Tool> manager(AgentOperations ops) {
        return List.of(
                new Tool("spawn_worker", "Start a worker agent on its own git checkout of the objective's repository. "
                        + "It runs the task and reports its result; you are told when it ends.",
                        List.of(Param.text("title", "A short name for the work, shown to the operator.", TITLE),
                                Param.text("task", "Everything the worker needs to know to do the work.", TASK),
                                Param.optionalText("role", "worker (default) or reviewer.", 16),
                                Param.optionalIds("depends_on", "Worker ids that must succeed before this one starts.",
                                        32),
                                Param.optionalText("target", "Name of the machine to run on; leave out to let Bosun "
                                        + "choose.", ID),
                                Param.optionalIds("labels", "Labels the machine must have (e.g. gpu); instead of "
                                        + "a target.", 8),
                                Param.optionalText("agent",
                                        "claude, codex, command or demo; defaults to your own kind.",
                                        16)),
                        (caller, a) -> ops.spawnWorker(caller.sessionId(), new WorkerRequest(a.text("title"),
                                a.text("task"), role(a.text("role")), a.ids("depends_on"), a.text("target"),
                                a.ids("labels"), agent(a.text("agent")))).thenApply(s -> Map.of("worker_id", s.id(), "status",
                                s.status().wire(), "message", "Worker queued. You will be told when it ends."))),
                new Tool("list_workers", "The workers of this objective with their status and results.", List.of(),
                        (caller, a) -> ops.listWorkers(caller.sessionId())
                                .thenApply(list -> list.stream().map(Views::worker).toList())),
                new Tool("message_worker", "Send one of your workers a message (it reads it now if it runs, else "
                        + "when it starts again).",
                        List.of(Param.text("worker_id", "The worker's id.", ID),
                                Param.text("message", "What to tell it.", TEXT)),
                        (caller, a) -> ops.messageWorker(caller.sessionId(), a.text("worker_id"), a.text("message"))
                                .thenApply(v -> "Message queued for " + a.text("worker_id") + ".")),
                new Tool("cancel_worker", "Stop one of your workers and whatever it spawned.",
                        List.of(Param.text("worker_id", "The worker's id.", ID),
                                Param.optionalText("reason", "Why, for the operator.", TITLE)),
                        (caller, a) -> ops.cancelWorker(caller.sessionId(), a.text("worker_id"), a.text("reason"))
                                .thenApply(n -> n + " session" + (n == 1 ? "" : "s") + " canceled.")),
                new Tool("publish_pr", "Publish a succeeded worker's branch as a pull request. Uncommitted work in "
                        + "its checkout is committed first.",
                        List.of(Param.text("worker_id", "The worker whose branch to publish.", ID),
                                Param.text("title", "The pull request's title.", TITLE),
                                Param.optionalText("body", "The pull request's description.", TEXT)),
                        (caller, a) -> ops.publishPr(caller.sessionId(), a.text("worker_id"), a.text("title"),
                                a.text("body")).thenApply(Views::pullRequest)),
                new Tool("update_pr", "Update an open pull request of this objective: push a succeeded worker's new "
                        + "commits to its branch (the PR's own worker, or its follow-up), and/or change its title or "
                        + "description, and/or comment on it. Bosun never pushes to a merged or closed PR.",
                        List.of(Param.integer("pr", "The PR's number."),
                                Param.optionalText("worker_id", "The worker whose commits to push.", ID),
                                Param.optionalText("title", "A new title.", TITLE),
                                Param.optionalText("body", "A new description.", TEXT),
                                Param.optionalText("force_reason", "Only to replace commits on the branch (a rebase): "
                                        + "why. It is recorded, and the push uses --force-with-lease.", TITLE),
                                Param.optionalText("comment", "A comment for the PR's reviewers.", TEXT)),
                        (caller, a) -> ops.updatePr(caller.sessionId(), a.integer("pr"), a.text("worker_id"),
                                a.text("title"), a.text("body"), a.text("force_reason"), a.text("comment"))
                                .thenApply(Views::pullRequest)),
                askUser(ops), createNote(ops),
                new Tool("discard_work", "Discard a finished worker's work that is in no pull request (commits "
                        + "or changes you do not want), so the objective can end without it. The reason is recorded "
                        + "for the operator.",
                        List.of(Param.text("worker_id", "The worker whose work to discard.", ID),
                                Param.text("reason", "Why it is not wanted.", TITLE)),
                        (caller, a) -> ops.discardWork(caller.sessionId(), a.text("worker_id"), a.text("reason"))
                                .thenApply(v -> "Discarded; the reason is recorded.")),
                new Tool("mark_objective_done", "End the objective as succeeded. Refused while a pull request is "
                        + "open, a worker still runs, or a succeeded worker's commits are in no pull request: "
                        + "publish them with publish_pr, or discard them with discard_work.",
                        List.of(Param.text("summary", "What was achieved, for the operator.", TEXT)),
                        (caller, a) -> ops.markObjectiveDone(caller.sessionId(), a.text("summary"))
                                .thenApply(v -> "The objective is done. Thank you; you can stop now.")));
    }

    static List<Tool> worker(AgentOperations ops) {
        return List.of(
                new Tool("report_result", "Report the result of your task when you are done (commit your work "
                        + "first). Your manager reads it.",
                        List.of(Param.text("summary", "What you did and how it turned out.", TEXT),
                                Param.optionalText("notes", "Anything your manager should know next.", TEXT)),
                        (caller, a) -> ops.reportResult(caller.sessionId(), a.text("notes") == null
                                ? a.text("summary") : a.text("summary") + "\n\nNotes: " + a.text("notes"))
                                .thenApply(v -> "Result recorded. End your turn now.")),
                askUser(ops), createNote(ops));
    }

    private static Tool askUser(AgentOperations ops) {
        return new Tool("ask_user", "Ask the human operator a question when you are blocked. The answer comes "
                + "back to you as a message; wait for it.",
                List.of(Param.text("question", "The question, with the context needed to answer it.", TEXT)),
                (caller, a) -> ops.askUser(caller.sessionId(), a.text("question")).thenApply(q -> Map.of(
                        "question_id", q.id(), "message", "Question sent to the operator. Wait for the answer.")));
    }

    private static Tool createNote(AgentOperations ops) {
        return new Tool("create_note", "Leave a note on the objective's timeline for the operator.",
                List.of(Param.text("text", "The note.", TEXT)),
                (caller, a) -> ops.createNote(caller.sessionId(), a.text("text")).thenApply(v -> "Noted."));
    }

    private static SessionRole role(String role) {
        if (role == null) {
            return null;
        }
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "worker" -> SessionRole.WORKER;
            case "reviewer" -> SessionRole.REVIEWER;
            default -> throw new OperationRefused("role must be worker or reviewer, not \"" + role + "\".");
        };
    }

    static AgentKind agent(String agent) {
        if (agent == null) {
            return null;
        }
        for (AgentKind k : AgentKind.values()) {
            if (k.name().equalsIgnoreCase(agent)) {
                return k;
            }
        }
        throw new OperationRefused("agent must be one of claude, codex, command, demo; not \"" + agent + "\".");
    }
}
