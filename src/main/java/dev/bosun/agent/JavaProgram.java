package dev.bosun.agent;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Java program of Bosun's own (the demo agent) started on any target. Here it runs on this JVM's Java and class
 * path. On an SSH host it runs on the host's {@code java}, from a copy of each class path entry in the host's cache
 * folder ({@code ~/.cache/bosun/jars/<sha256>.jar}): copied once per content, so a new version of Bosun copies only
 * what changed, and a start checks what is there in one round trip.
 */
public final class JavaProgram {
    private static final String CACHE = ".cache/bosun/jars";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);

    private final List<String> jvmOptions;
    private final String mainClass;
    private final List<Path> classPath;
    /** Each class path entry as a jar: a jar as it is, a folder (a development build) zipped once. */
    private Map<String, Path> jarsByName;

    public JavaProgram(List<String> jvmOptions, String mainClass, List<Path> classPath) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = mainClass;
        this.classPath = List.copyOf(classPath);
    }

    /** The argv that starts it on {@code on}, copying what the host lacks first. */
    public List<String> argvOn(Executor on) throws AgentStartException {
        List<String> argv = new ArrayList<>();
        if (!on.remote()) {
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(jvmOptions);
            argv.add("-cp");
            argv.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        } else {
            Programs.requireInstalled(on, "java", " Install a Java runtime (17 or newer) there, e.g. apt-get install"
                    + " default-jre-headless, and run the target's doctor again.");
            String folder = copyTo(on);
            argv.add("java");
            argv.addAll(jvmOptions);
            argv.add("-cp");
            argv.add(String.join(":", jars().keySet().stream().map(n -> folder + "/" + n).toList()));
        }
        argv.add(mainClass);
        return argv;
    }

    /** Copies the jars the host lacks into its cache folder; returns that folder's absolute path there. */
    private String copyTo(Executor on) throws AgentStartException {
        List<String> check = new ArrayList<>(List.of("sh", "-c", """
                d="$HOME/%s"; mkdir -p "$d" && cd "$d" || exit 1
                echo "folder $d"
                for f in "$@"; do [ -s "$f" ] || echo "missing $f"; done
                """.formatted(CACHE), "bosun-jars"));
        check.addAll(jars().keySet());
        Result have = run(on, Command.of(check.toArray(String[]::new)).withTimeout(CHECK_TIMEOUT), "look for");
        String folder = have.stdout().lines().filter(l -> l.startsWith("folder ")).findFirst()
                .map(l -> l.substring(7)).orElseThrow(() -> new AgentStartException("no cache folder on "
                        + on.describe()));
        for (String missing : have.stdout().lines().filter(l -> l.startsWith("missing ")).map(l -> l.substring(8))
                .toList()) {
            String base64;
            try {
                base64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(Files.readAllBytes(jars().get(missing)));
            } catch (IOException e) {
                throw new AgentStartException("cannot read " + jars().get(missing) + ": " + e.getMessage(), e);
            }
            // written under a temporary name and renamed: a copy cut short is never taken for the jar
            run(on, new Command(List.of("sh", "-c", "base64 -d > \"$1.part\" && mv \"$1.part\" \"$1\"", "bosun-jar",
                    folder + "/" + missing), null, Map.of(), base64 + "\n", COPY_TIMEOUT), "copy");
        }
        return folder;
    }

    private static Result run(Executor on, Command c, String what) throws AgentStartException {
        try {
            Result r = on.run(c);
            if (!r.ok()) {
                throw new AgentStartException("Could not " + what + " Bosun's jars in ~/" + CACHE + " on "
                        + on.describe() + ": " + (r.timedOut() ? "timed out" : r.firstErrorLine()));
            }
            return r;
        } catch (IOException e) {
            throw new AgentStartException("cannot reach " + on.describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentStartException("interrupted while copying Bosun's jars", e);
        }
    }

    /** The class path as jars named by their content's SHA-256, in class path order. */
    private synchronized Map<String, Path> jars() throws AgentStartException {
        if (jarsByName == null) {
            Map<String, Path> out = new LinkedHashMap<>();
            try {
                for (Path entry : classPath) {
                    Path jar = Files.isDirectory(entry) ? zipped(entry) : entry;
                    if (Files.isRegularFile(jar)) {
                        out.put(sha256(jar) + ".jar", jar);
                    }
                }
            } catch (IOException e) {
                throw new AgentStartException("cannot read Bosun's class path: " + e.getMessage(), e);
            }
            jarsByName = out;
        }
        return jarsByName;
    }

    /** A folder of classes as a temporary jar, its entries in a fixed order and time, so equal content hashes equal. */
    private static Path zipped(Path folder) throws IOException {
        Path jar = Files.createTempFile("bosun-classes-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                ZipEntry e = new ZipEntry(folder.relativize(f).toString().replace('\\', '/'));
                e.setTime(0);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
