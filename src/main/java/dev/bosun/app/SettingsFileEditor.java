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
import java.util.LinkedHashMap;
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
            p.stringPropertyNames().stream().filter(k -> !k.equals("github.token"))
                    .forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    @Override
    public boolean tokenSet() throws IOException {
        Properties p = Settings.read(file);
        return p != null && !p.getProperty("github.token", "").isBlank();
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
        Map<String, String> pending = new LinkedHashMap<>(changes);
        List<String> out = new ArrayList<>();
        boolean continuing = false; // inside a replaced key's continued value
        for (String line : lines) {
            if (continuing) {
                continuing = continues(line);
                continue;
            }
            Matcher m = KEY_LINE.matcher(line);
            if (!line.stripLeading().startsWith("#") && !line.stripLeading().startsWith("!") && m.find()
                    && pending.containsKey(m.group(1))) {
                String value = pending.remove(m.group(1));
                if (value != null && !value.isBlank()) {
                    out.add(entry(m.group(1), value.strip()));
                }
                continuing = continues(line);
                continue;
            }
            out.add(line);
        }
        pending.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                out.add(entry(key, value.strip()));
            }
        });
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not POSIX (Windows): the folder's own access applies
            Files.createFile(tmp);
        }
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
