package dev.bosun.bench;

import dev.bosun.domain.Ids;
import dev.bosun.domain.SessionRole;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.workspace.CheckoutPreparer;
import dev.bosun.workspace.WorkRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A checkout of a repository with 20,000 files and 2,000 commits: through the mirror cache (warm) versus a plain
 * clone from origin. Median of 5 each. The repository is made with git fast-import, so setup takes seconds.
 */
public final class CheckoutBench {
    static final int FILES = 20_000;
    static final int COMMITS = 2_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bosun-checkout-bench");
        Map<String, String> env = Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        Path origin = dir.resolve("origin.git");
        git(env, dir, "init", "--bare", "--quiet", origin.toString());
        fastImport(env, origin);
        measure("a local-path origin", dir, env, origin.toString());
        // Over a network transport the mirror pays off: origin served by the loopback sshd of the tests.
        String ssh = System.getenv("BOSUN_TEST_SSH");
        if (ssh != null && !ssh.isBlank()) {
            String[] p = ssh.split(":", 5); // host:port:user:identity:work root
            Map<String, String> sshEnv = new java.util.HashMap<>(env);
            sshEnv.put("GIT_SSH_COMMAND", "ssh -i " + p[3] + " -o IdentitiesOnly=yes -o BatchMode=yes"
                    + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR");
            measure("an origin over ssh", dir, sshEnv, "ssh://" + p[2] + "@" + p[0] + ":" + p[1] + origin);
        } else {
            System.out.println("(no BOSUN_TEST_SSH: the ssh-origin variant was not measured)");
        }
    }

    static void measure(String what, Path dir, Map<String, String> env, String origin) throws Exception {
        // (a local-path origin is cloned from directly, so "through the mirror" is Bosun's checkout either way)
        WorkRoot root = new WorkRoot(Files.createDirectories(dir.resolve("work-" + what.hashCode())).toString());
        CheckoutPreparer preparer = new CheckoutPreparer(env);
        LocalExecutor local = new LocalExecutor();
        preparer.prepare(local, root, origin, "main", Ids.next("ses", Instant.now()), SessionRole.WORKER);

        List<Double> mirror = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            preparer.prepare(local, root, origin, "main", Ids.next("ses", Instant.now()), SessionRole.WORKER);
            mirror.add((System.nanoTime() - t) / 1e6);
            Path target = dir.resolve("plain-" + what.hashCode() + "-" + i);
            t = System.nanoTime();
            git(env, dir, "clone", "--quiet", origin, target.toString());
            plain.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(mirror);
        Collections.sort(plain);
        System.out.printf("checkout of %,d files / %,d commits from %s: Bosun's checkout (the warm mirror; a folder"
                + " origin directly) median %.0f ms %s; plain clone median %.0f ms %s; plain / mirror = %.2f%n", FILES, COMMITS, what, mirror.get(2),
                mirror, plain.get(2), plain, plain.get(2) / mirror.get(2));
        BenchSummary.add("checkout, " + FILES / 1000 + "k files / " + COMMITS + " commits, " + what + ", median",
                mirror.get(2), "ms", "a plain git clone, median", plain.get(2), "ratio ≤ 1.05 (no slower than a clone)",
                mirror.get(2) <= plain.get(2) * 1.05);
    }

    static void fastImport(Map<String, String> env, Path repo) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "fast-import", "--quiet").directory(repo.toFile());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        try (OutputStream out = new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 20)) {
            long when = 1_700_000_000L;
            for (int c = 1; c <= COMMITS; c++) {
                StringBuilder sb = new StringBuilder();
                String msg = "commit " + c;
                sb.append("commit refs/heads/main\n")
                        .append("committer Bench <bench@bosun.dev> ").append(when + c).append(" +0000\n")
                        .append("data ").append(msg.length()).append('\n').append(msg).append('\n');
                if (c == 1) {
                    for (int f = 0; f < FILES; f++) {
                        modify(sb, "src/d" + (f % 200) + "/file" + f + ".txt", "content of file " + f + "\n");
                    }
                } else {
                    modify(sb, "src/d" + (c % 200) + "/file" + (c * 7 % FILES) + ".txt", "changed in " + c + "\n");
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("fast-import failed: " + new String(p.getInputStream().readAllBytes()));
        }
        ProcessBuilder head = new ProcessBuilder("git", "symbolic-ref", "HEAD", "refs/heads/main")
                .directory(repo.toFile());
        head.environment().putAll(env);
        head.start().waitFor();
    }

    static void modify(StringBuilder sb, String path, String content) {
        sb.append("M 100644 inline ").append(path).append('\n').append("data ")
                .append(content.getBytes(StandardCharsets.UTF_8).length).append('\n').append(content).append('\n');
    }

    static void git(Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("git " + args[0] + " failed: " + out);
        }
    }
}
