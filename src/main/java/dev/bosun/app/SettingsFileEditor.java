package dev.bosun.app;

import dev.bosun.ui.SettingsFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code settings.properties} edited from the console: each change checked with {@link Settings#parse} (what a start
 * accepts), then written in place of the key's line (comments and order kept; a new key at the end), through a
 * temporary file renamed over the old one, readable by the operator alone (it may hold the GitHub token).
 */
final class SettingsFileEditor implements SettingsFile {
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([A-Za-z0-9._]+)\\s*(?:[=:]|\\s)");

    private final Path file;

    SettingsFileEditor(Path file) {
        this.file = file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Map<String, String> values() throws IOException {
        Properties p = Settings.read(file);
        Map<String, String> out = new TreeMap<>();
        if (p != null) {
            p.stringPropertyNames().stream().filter(k -> !SECRETS.contains(k))
                    .forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    @Override
    public java.util.Set<String> secretsSet() throws IOException {
        Properties p = Settings.read(file);
        return p == null ? java.util.Set.of() : SECRETS.stream().filter(k -> !p.getProperty(k, "").isBlank())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public synchronized void save(Map<String, String> changes) throws IOException {
        for (String key : changes.keySet()) {
            if (!Settings.KNOWN.contains(key)) {
                throw new IOException("\"" + key + "\" is not a setting Bosun knows.");
            }
        }
        Properties merged = Settings.read(file);
        merged = merged == null ? new Properties() : merged;
        for (Map.Entry<String, String> c : changes.entrySet()) {
            if (c.getValue() == null || c.getValue().isBlank()) {
                merged.remove(c.getKey());
            } else {
                merged.setProperty(c.getKey(), c.getValue().strip());
            }
        }
        Settings.parse(file, merged); // refuses what a start would refuse, with its message
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        java.util.Set<String> written = new java.util.HashSet<>();
        List<String> out = new ArrayList<>();
        boolean continued = false; // this line continues the one before it
        boolean dropping = false;  // and that one was replaced or dropped
        for (String line : lines) {
            if (continued) {
                continued = continues(line);
                if (!dropping) {
                    out.add(line);
                }
                continue;
            }
            String trimmed = line.stripLeading();
            Matcher m = KEY_LINE.matcher(line);
            boolean entry = !trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!");
            continued = entry && continues(line);
            dropping = false;
            if (entry && m.find() && changes.containsKey(m.group(1))) {
                String key = m.group(1);
                dropping = true;
                String value = changes.get(key);
                // the first line of the key takes the new value; a later one (which Properties would read last) goes
                if (written.add(key) && value != null && !value.isBlank()) {
                    out.add(entry(key, value.strip()));
                }
                continue;
            }
            out.add(line);
        }
        changes.forEach((key, value) -> {
            if (!written.contains(key) && value != null && !value.isBlank()) {
                out.add(entry(key, value.strip()));
            }
        });
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            byte[] bytes = (String.join("\n", out) + (out.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
            try (var channel = Files.newByteChannel(tmp, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE), attributes())) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
            }
            // what is written must be what was checked
            if (!merged.equals(Settings.read(tmp))) {
                throw new IOException(file + " could not be rewritten faithfully; nothing was changed.");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Readable by the operator alone where the file system has POSIX permissions (the token may be in it). */
    private java.nio.file.attribute.FileAttribute<?>[] attributes() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /** A line ending in an odd number of backslashes continues on the next. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** {@code key=value} escaped as java.util.Properties reads it back. */
    private static String entry(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter w = new StringWriter();
        try {
            one.store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        List<String> stored = w.toString().lines().filter(l -> !l.startsWith("#")).toList();
        return stored.get(stored.size() - 1);
    }
}
