package dev.bosun.agent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.WireNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo manager: splits the objective into worker tasks (its bullet lines, or two parts; a task that starts with
 * {@code [agent:command]} goes to that kind of agent), spawns them, publishes
 * each succeeded worker's branch as a pull request, and marks the objective done once nothing is open or running.
 * Every message it gets (the prompt, a worker's result, a poke, a merge) makes it look at its workers and take the
 * next step.
 */
final class DemoManager implements DemoAgent.Role {
    private static final int MAX_TASKS = 5;

    private final BosunTools tools;
    private final StreamJson out;
    private final Set<String> published = new HashSet<>();
    private String objective;
    private boolean pokeIgnored;

    DemoManager(BosunTools tools, StreamJson out) {
        this.tools = tools;
        this.out = out;
    }

    @Override
    public void onMessage(String text) {
        boolean first = objective == null;
        if (first) {
            objective = text;
            if (objective.contains("[demo:exit-early]") && !text.contains("You are resuming")) {
                out.say("Demo agent (offline, no AI): exiting early on purpose ([demo:exit-early]).");
                out.result("exited early on purpose", true);
                System.exit(3);
            }
            if (objective.contains("[demo:quiet]") || objective.contains("[demo:ignore-poke]")) {
                out.say("Demo agent (offline, no AI): going quiet on purpose; the supervisor will poke me.");
                out.result("quiet on purpose", false);
                return;
            }
        } else if (text.startsWith("Bosun supervisor:") && objective.contains("[demo:ignore-poke]") && !pokeIgnored) {
            pokeIgnored = true;
            out.say("Demo agent: ignoring this poke on purpose ([demo:ignore-poke]).");
            out.result("ignored a poke on purpose", false);
            return;
        }
        String step = nextStep();
        out.say(step);
        out.result(step, false);
    }

    private String nextStep() {
        JsonNode workers = BosunTools.json(tools.call("list_workers", Map.of()).text());
        if (workers.isEmpty()) {
            List<String> tasks = tasks(objective);
            for (String task : tasks) {
                // "[agent:codex] …" hands the task to another kind of agent
                java.util.regex.Matcher tag = AGENT_TAG.matcher(task);
                Map<String, Object> args = new java.util.HashMap<>();
                if (tag.lookingAt()) {
                    args.put("agent", tag.group(1));
                    task = task.substring(tag.end()).strip();
                }
                args.put("title", title(task));
                args.put("task", task);
                tools.call("spawn_worker", args);
            }
            return "Demo agent (offline, no AI): spawned " + tasks.size() + " workers; waiting for their results.";
        }
        int running = 0;
        for (JsonNode w : workers) {
            String id = w.path("id").asText();
            String status = w.path("status").asText();
            if (status.equals("succeeded") && published.add(id)) {
                tools.call("publish_pr", Map.of("worker_id", id, "title", w.path("title").asText(), "body",
                        "Published by Bosun's demo agent.\n\n" + w.path("result").asText()));
            } else if (!WireNames.parse(SessionStatus.class, status).terminal()) {
                running++;
            }
        }
        if (running > 0) {
            return "Waiting for " + running + " worker" + (running == 1 ? "" : "s") + ".";
        }
        BosunTools.Outcome done = tools.call("mark_objective_done", Map.of("summary",
                "The demo agent's workers committed their parts and every pull request is merged."));
        return done.ok() ? "The objective is done." : "Waiting: " + done.text();
    }

    /** The prompt's bullet lines, or two parts of its first line. */
    private static final java.util.regex.Pattern AGENT_TAG = java.util.regex.Pattern.compile("\\[agent:([a-z]+)]");

    static List<String> tasks(String prompt) {
        // the manager's own tags go; [demo:ask] stays with its task, for the worker
        String clean = prompt.replaceAll("\\[demo:(quiet|ignore-poke|exit-early)]", "").strip();
        List<String> tasks = new ArrayList<>();
        for (String line : clean.lines().toList()) {
            String l = line.strip();
            if ((l.startsWith("- ") || l.startsWith("* ")) && tasks.size() < MAX_TASKS) {
                tasks.add(l.substring(2).strip());
            }
        }
        if (tasks.isEmpty()) {
            String first = clean.lines().findFirst().orElse("the objective").strip();
            tasks.add("Part 1 of 2: " + first);
            tasks.add("Part 2 of 2: " + first);
        }
        return tasks;
    }

    private static String title(String task) {
        String line = task.lines().findFirst().orElse(task).strip();
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }
}
