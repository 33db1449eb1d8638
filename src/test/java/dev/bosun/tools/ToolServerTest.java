package dev.bosun.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.engine.AgentOperations;
import dev.bosun.engine.Engine;
import dev.bosun.engine.Orchestration;
import dev.bosun.engine.TestOrchestration;
import dev.bosun.store.Database;
import dev.bosun.testing.GitRepos;
import dev.bosun.testing.ManualClock;
import dev.bosun.testing.McpHttp;
import dev.bosun.testing.McpHttp.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP server over real HTTP: who may call what, and what hostile input gets. */
class ToolServerTest {
    @TempDir
    Path dir;
    Database db;
    Engine engine;
    Orchestration orchestration;
    ToolServer server;
    Session managerA;
    Session workerA;
    Session managerB;
    Session workerB;

    @BeforeEach
    void start() throws Exception {
        ManualClock clock = new ManualClock();
        db = Database.open(dir.resolve("bosun.db"), clock);
        engine = new Engine(clock, 2);
        orchestration = TestOrchestration.withoutAgents(engine, db, dir);
        server = ToolServer.start(orchestration.operations(), orchestration.agentOperations(), db, "test");
        Path repo = GitRepos.init(dir.resolve("repo"));
        managerA = managerOf(objective("A", repo));
        managerB = managerOf(objective("B", repo));
        workerA = spawn(managerA, "fix the parser");
        workerB = spawn(managerB, "write docs");
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
        db.close();
    }

    Objective objective(String title, Path repo) throws Exception {
        return orchestration.operations().createObjective(new ObjectiveDraft(title, "do " + title, repo.toString(),
                null, AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);
    }

    Session managerOf(Objective o) {
        return db.read(tx -> tx.sessions().forObjective(o.id())).stream()
                .filter(s -> s.role() == SessionRole.MANAGER).findFirst().orElseThrow();
    }

    Session spawn(Session manager, String title) throws Exception {
        return orchestration.agentOperations().spawnWorker(manager.id(), new AgentOperations.WorkerRequest(title,
                "task: " + title, null, List.of(), null, List.of(), null)).get(10, TimeUnit.SECONDS);
    }

    McpHttp client(Session s) throws Exception {
        var endpoint = server.grant(s);
        return new McpHttp(endpoint.url(), endpoint.token()).initialize();
    }

    @Test
    void noTokenOrAWrongOneIsUnauthorized() throws Exception {
        Reply none = new McpHttp(server.url(Surface.MANAGER), null).request("tools/list", Map.of());
        Reply wrong = new McpHttp(server.url(Surface.MANAGER), "not-a-token").request("tools/list", Map.of());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("error").path("message").asText()).contains("Authorization: Bearer");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void aWorkerTokenDoesNotOpenTheManagerSurface() throws Exception {
        var worker = server.grant(workerA);

        Reply onManager = new McpHttp(server.url(Surface.MANAGER), worker.token()).request("tools/call",
                Map.of("name", "spawn_worker", "arguments", Map.of("title", "x", "task", "y")));
        Reply onOperator = new McpHttp(server.url(Surface.OPERATOR), worker.token()).request("tools/list", Map.of());
        McpHttp own = new McpHttp(worker.url(), worker.token()).initialize();
        Reply spawn = own.callTool("spawn_worker", Map.of("title", "x", "task", "y"));

        assertThat(onManager.status()).isEqualTo(403);
        assertThat(onOperator.status()).isEqualTo(403);
        assertThat(names(own.request("tools/list", Map.of()))).containsExactlyInAnyOrder("report_result", "ask_user",
                "create_note");
        assertThat(spawn.body().has("error") || spawn.isToolError()).isTrue();
        assertThat(workersOf(managerA)).hasSize(1);
    }

    @Test
    void aManagerCannotReachAnotherObjectivesWorkers() throws Exception {
        McpHttp a = client(managerA);

        Reply message = a.callTool("message_worker", Map.of("worker_id", workerB.id(), "message", "stop"));
        Reply cancel = a.callTool("cancel_worker", Map.of("worker_id", workerB.id()));
        Reply publish = a.callTool("publish_pr", Map.of("worker_id", workerB.id(), "title", "steal"));
        Reply depends = a.callTool("spawn_worker", Map.of("title", "t", "task", "t", "depends_on",
                List.of(workerB.id())));

        for (Reply r : List.of(message, cancel, publish, depends)) {
            assertThat(r.isToolError()).as(r.body().toString()).isTrue();
            assertThat(r.text()).contains(workerB.id());
        }
        Session b = db.read(tx -> tx.sessions().byId(workerB.id())).orElseThrow();
        assertThat(b.status().terminal()).isFalse();
        List<?> queued = db.read(tx -> tx.steering().queued(workerB.id()));
        assertThat(queued).isEmpty();
    }

    @Test
    void spawnWorkerQueuesAWorkerOfTheCallersObjective() throws Exception {
        Reply r = client(managerA).callTool("spawn_worker", Map.of("title", "add tests", "task", "write tests",
                "depends_on", List.of(workerA.id())));

        assertThat(r.isToolError()).as(r.body().toString()).isFalse();
        String id = McpHttp.JSON.readTree(r.text()).path("worker_id").asText();
        Session w = db.read(tx -> tx.sessions().byId(id)).orElseThrow();
        assertThat(w.objectiveId()).isEqualTo(managerA.objectiveId());
        assertThat(w.parentSessionId()).isEqualTo(managerA.id());
        assertThat(w.title()).isEqualTo("add tests");
        List<String> dependencies = db.read(tx -> tx.sessions().dependencies(id));
        assertThat(dependencies).containsExactly(workerA.id());
    }

    @Test
    void labelsPlaceAWorkerOnATargetThatHasThemOrSayWhichTargetsHaveWhat() throws Exception {
        String gpu = db.write(tx -> tx.targets().create("gpu-box", dev.bosun.domain.TargetKind.LOCAL,
                dev.bosun.domain.TargetStatus.ONLINE, "", "", 0, "", dir.resolve("gpu").toString(), 2, "gpu, linux",
                Actor.ENGINE).id());
        McpHttp a = client(managerA);

        Reply placed = a.callTool("spawn_worker", Map.of("title", "train", "task", "t", "labels", List.of("gpu")));
        Reply none = a.callTool("spawn_worker", Map.of("title", "t", "task", "t", "labels", List.of("arm")));

        String id = McpHttp.JSON.readTree(placed.text()).path("worker_id").asText();
        assertThat(db.read(tx -> tx.sessions().byId(id)).orElseThrow().targetId()).isEqualTo(gpu);
        assertThat(none.isToolError()).isTrue();
        assertThat(none.text()).contains("No target has the labels [arm]", "gpu-box [");
    }

    @Test
    void hostileArgumentsGetClearErrorsAndChangeNothing() throws Exception {
        McpHttp a = client(managerA);
        int before = workersOf(managerA).size();

        Reply huge = a.callTool("spawn_worker", Map.of("title", "x".repeat(100_000), "task", "t"));
        Reply unknown = a.callTool("spawn_worker", Map.of("title", "t", "task", "t", "shell", "rm -rf /"));
        Reply missing = a.callTool("spawn_worker", Map.of("title", "t"));
        Reply wrongType = a.callTool("spawn_worker", Map.of("title", 42, "task", "t"));
        Reply control = a.callTool("spawn_worker", Map.of("title", "a\u0000b", "task", "t"));
        Reply bidi = a.callTool("spawn_worker", Map.of("title", "fix \u202Etxt.exe", "task", "t"));
        Reply zeroWidth = a.callTool("spawn_worker", Map.of("title", "t", "task", "do it\u200B now"));
        Reply c1 = a.callTool("spawn_worker", Map.of("title", "t\u009B", "task", "t"));
        Reply newlineInTitle = a.callTool("spawn_worker", Map.of("title", "one\ntwo", "task", "line one\nline two"));
        Reply badIds = a.callTool("spawn_worker", Map.of("title", "t", "task", "t", "depends_on",
                List.of("../../etc/passwd")));
        Reply traversal = a.callTool("spawn_worker", Map.of("title", "../../../etc/passwd", "task", "t"));

        assertThat(huge.text()).contains("\"title\"").contains("at most 200");
        assertThat(unknown.text()).contains("Unknown argument \"shell\"");
        assertThat(missing.text()).contains("\"task\" is required");
        assertThat(wrongType.text()).contains("\"title\" must be a string");
        assertThat(control.text()).contains("control character");
        assertThat(badIds.text()).contains("depends_on");
        assertThat(bidi.text()).contains("\"title\" contains U+202E (a right-to-left override) at character 5");
        assertThat(zeroWidth.text()).contains("\"task\" contains U+200B (a zero-width character) at character 6");
        assertThat(c1.text()).contains("U+009B (a C1 control character) at character 2");
        assertThat(newlineInTitle.text()).contains("\"title\" contains U+000A (a line break or tab) at character 4");
        for (Reply r : List.of(huge, unknown, missing, wrongType, control, badIds, bidi, zeroWidth, c1,
                newlineInTitle)) {
            assertThat(r.isToolError()).isTrue();
        }
        // a title is only a title: the worker's checkout is named by its id, never by what an agent wrote
        String id = McpHttp.JSON.readTree(traversal.text()).path("worker_id").asText();
        assertThat(id).matches("[a-z0-9_]+");
        assertThat(workersOf(managerA)).hasSize(before + 1);
    }

    @Test
    void malformedJsonRpcGetsAJsonRpcErrorAndTheServerGoesOn() throws Exception {
        McpHttp a = client(managerA);

        Reply garbage = a.post("{this is not json");
        Reply notRpc = a.post("[1, 2, 3]");
        Reply after = a.request("tools/list", Map.of());

        Reply huge = a.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
                + "x".repeat(2 << 20) + "\"}}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(notRpc.status()).isEqualTo(400);
        assertThat(huge.status()).isEqualTo(413);
        // a JSON-RPC error object that says what was wrong, never a Java exception
        for (Reply r : List.of(garbage, notRpc, huge)) {
            assertThat(r.body().path("error").path("code").asInt()).as(r.body().toString()).isIn(-32700, -32600);
            assertThat(r.body().toString()).doesNotContain("Exception", "\\tat ", "java.");
        }
        assertThat(garbage.body().path("error").path("message").asText())
                .startsWith("Parse error: the body is not JSON");
        assertThat(notRpc.body().path("error").path("message").asText())
                .contains("send one JSON-RPC object, not array");
        assertThat(after.status()).isEqualTo(200);
        assertThat(names(after)).contains("spawn_worker");
    }

    @Test
    void anMcpSessionIsUsedAndEndedOnlyWithTheTokenThatOpenedIt() throws Exception {
        McpHttp a = client(managerA);
        var other = server.grant(managerB); // a token for the same surface, of another objective

        McpHttp intruder = new McpHttp(other.url(), other.token()).inSession(a.sessionId());
        Reply used = intruder.request("tools/list", Map.of());
        int ended = intruder.delete();

        assertThat(used.status()).isEqualTo(403);
        assertThat(used.body().path("error").path("message").asText()).contains("opened with another token");
        assertThat(ended).isEqualTo(403);
        assertThat(a.request("tools/list", Map.of()).status()).isEqualTo(200);
        assertThat(a.delete()).isEqualTo(200);
    }

    /**
     * Agents' calls that hold every agent thread (bodies that never finish arriving) do not delay the operator: its
     * surface has threads of its own.
     */
    @Test
    void theOperatorIsAnsweredWhileAgentsCallsHoldEveryAgentThread() throws Exception {
        var worker = server.grant(workerA);
        java.net.URI uri = java.net.URI.create(worker.url());
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // more than the agents' 32 threads
                java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort());
                s.getOutputStream().write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + worker.token() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"jsonrpc\":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.agentRequestsWaiting() == 0) { // every agent thread is held, and requests queue
                assertThat(System.nanoTime()).as("the agents' threads all held within 20 s").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }

            Path file = dir.resolve("operator/mcp-operator.txt");
            server.writeOperatorToken(file);
            Map<String, String> kv = new java.util.HashMap<>();
            Files.readAllLines(file).forEach(l -> kv.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            Reply list = new McpHttp(kv.get("url"), kv.get("token")).initialize().callTool("list_objectives", Map.of());

            assertThat(list.status()).isEqualTo(200);
            assertThat(server.agentRequestsWaiting()).as("agents' requests still wait behind the held threads")
                    .isPositive();
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void everyInputSchemaListsRequiredAsAnArray() throws Exception {
        var operator = new McpHttp(server.url(Surface.OPERATOR), server.operatorToken()).initialize();
        for (McpHttp c : List.of(client(managerA), client(workerA), operator)) {
            for (JsonNode tool : c.request("tools/list", Map.of()).result().path("tools")) {
                assertThat(tool.path("inputSchema").path("required").isArray()).as(tool.toString()).isTrue();
            }
        }
    }

    @Test
    void aRevokedTokenOpensNothing() throws Exception {
        var endpoint = server.grant(managerA);
        server.revoke(managerA.id());

        assertThat(new McpHttp(endpoint.url(), endpoint.token()).request("tools/list", Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void aNewGrantReplacesTheSessionsOldToken() throws Exception {
        var first = server.grant(managerA);
        var second = server.grant(managerA);

        assertThat(new McpHttp(first.url(), first.token()).request("tools/list", Map.of()).status()).isEqualTo(401);
        assertThat(new McpHttp(second.url(), second.token()).initialize().request("tools/list", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void theOperatorTokenFileIsPrivateAndOpensTheOperatorSurface() throws Exception {
        Path file = dir.resolve("operator/mcp-operator.txt");
        server.writeOperatorToken(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        Map<String, String> kv = new java.util.HashMap<>();
        Files.readAllLines(file).forEach(l -> kv.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        McpHttp operator = new McpHttp(kv.get("url"), kv.get("token")).initialize();
        Reply list = operator.callTool("list_objectives", Map.of());

        assertThat(list.isToolError()).isFalse();
        assertThat(McpHttp.JSON.readTree(list.text())).hasSize(2);
    }

    @Test
    void theOperatorGivesAnObjectiveItsOwnManagersBudget() throws Exception {
        McpHttp operator = new McpHttp(server.url(Surface.OPERATOR), server.operatorToken()).initialize();
        String repo = dir.resolve("repo").toString();
        Reply made = operator.callTool("create_objective", Map.of("prompt", "Ship it", "repository", repo,
                "max_managers", 2));
        Reply zero = operator.callTool("create_objective", Map.of("prompt", "Ship it", "repository", repo,
                "max_managers", 0));
        Reply text = operator.callTool("create_objective", Map.of("prompt", "Ship it", "repository", repo,
                "max_managers", "two"));

        assertThat(made.isToolError()).as(made.text()).isFalse();
        String id = McpHttp.JSON.readTree(made.text()).path("id").asText();
        assertThat(db.read(tx -> tx.objectives().byId(id)).orElseThrow().maxManagers()).isEqualTo(2);
        assertThat(zero.text()).contains("managers budget must be between 1 and 50");
        assertThat(text.text()).contains("\"max_managers\" must be a whole number");
    }

    @Test
    void theOperatorManagesTargetsWithTheConsolesValidation() throws Exception {
        McpHttp operator = new McpHttp(server.url(Surface.OPERATOR), server.operatorToken()).initialize();
        assertThat(names(operator.request("tools/list", Map.of()))).contains("list_targets", "add_target", "set_target_capacity",
                "drain_target", "enable_target", "disable_target", "examine_target", "remove_target");

        Reply bad = operator.callTool("add_target", Map.of("name", "-x", "host", "-oProxyCommand=sh",
                "work_root", "/", "capacity", 0));
        assertThat(bad.isToolError()).isTrue();
        assertThat(bad.text()).contains("The target was not added", "name", "host", "work root", "Capacity");
        List<dev.bosun.domain.Target> all = db.read(tx -> tx.targets().all());
        assertThat(all).noneMatch(t -> t.name().equals("-x"));

        // nothing listens on port 1: added, offline, with ssh's reason
        Reply added = operator.callTool("add_target", Map.of("name", "box", "host", "127.0.0.1", "port", 1,
                "work_root", "/srv/work", "labels", "gpu"));
        assertThat(added.isToolError()).as(added.text()).isFalse();
        var box = McpHttp.JSON.readTree(added.text());
        assertThat(box.path("status").asText()).isEqualTo("offline");
        assertThat(box.path("doctor").asText()).contains("Connection refused");
        assertThat(box.path("labels").asText()).isEqualTo("gpu");
        assertThat(operator.callTool("add_target", Map.of("name", "box", "host", "127.0.0.1", "work_root", "/w"))
                .text()).contains("exists already");

        assertThat(operator.callTool("disable_target", Map.of("target", "box")).text()).contains("\"disabled\"");
        assertThat(operator.callTool("set_target_capacity", Map.of("target", "box", "capacity", 300)).text())
                .contains("between 0 and 256");
        assertThat(operator.callTool("set_target_capacity", Map.of("target", box.path("id").asText(),
                "capacity", 5)).text()).isEqualTo("Capacity set.");
        assertThat(operator.callTool("examine_target", Map.of("target", "nowhere")).text())
                .contains("There is no target nowhere");
        var listed = McpHttp.JSON.readTree(operator.callTool("list_targets", Map.of()).text());
        assertThat(listed.findValuesAsText("name")).contains("box");
        var row = db.read(tx -> tx.targets().byName("box")).orElseThrow();
        assertThat(row.capacity()).isEqualTo(5);
        assertThat(row.status().wire()).isEqualTo("disabled");

        // removed: its name is free again
        assertThat(operator.callTool("remove_target", Map.of("target", "box")).text()).contains("\"removed\"");
        java.util.Optional<dev.bosun.domain.Target> byName = db.read(tx -> tx.targets().byName("box"));
        assertThat(byName).isEmpty();
        assertThat(operator.callTool("add_target", Map.of("name", "box", "host", "127.0.0.1", "port", 1,
                "work_root", "/srv/work")).isToolError()).isFalse();
    }

    List<Session> workersOf(Session manager) {
        return db.read(tx -> tx.sessions().forObjective(manager.objectiveId())).stream()
                .filter(s -> s.role() != SessionRole.MANAGER).toList();
    }

    static List<String> names(Reply list) {
        return list.result().path("tools").findValuesAsText("name");
    }
}
