package dev.bosun.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs, in {@code <data>/ui.properties}: window size, column widths and the
 * theme. A missing or unreadable file means defaults (an unreadable one is logged and replaced at the next save).
 */
public final class WindowState {
    private static final Logger log = LoggerFactory.getLogger(WindowState.class);

    private final Path file;
    private final Properties values = new Properties();

    private WindowState(Path file) {
        this.file = file;
    }

    public static WindowState load(Path file) {
        WindowState state = new WindowState(file);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                state.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Could not read {} ({}); using the default window layout", file, e.getMessage());
                state.values.clear();
            }
        }
        return state;
    }

    public double width() {
        return number("window.width", 1280);
    }

    public double height() {
        return number("window.height", 780);
    }

    public boolean maximized() {
        return Boolean.parseBoolean(values.getProperty("window.maximized", "false"));
    }

    public void window(double width, double height, boolean maximized) {
        values.setProperty("window.width", Long.toString(Math.round(width)));
        values.setProperty("window.height", Long.toString(Math.round(height)));
        values.setProperty("window.maximized", Boolean.toString(maximized));
    }

    /** Dark if chosen before; with no choice yet, as the desktop prefers. */
    public boolean darkOr(boolean desktopDark) {
        String saved = values.getProperty("theme");
        return saved != null ? saved.equals("dark") : desktopDark;
    }

    public void dark(boolean dark) {
        values.setProperty("theme", dark ? "dark" : "light");
    }

    public void restoreColumns(TableView<?> table) {
        for (TableColumn<?, ?> c : table.getColumns()) {
            double w = number(key(table, c), -1);
            if (w > 10) {
                c.setPrefWidth(w);
            }
        }
    }

    public void rememberColumns(TableView<?> table) {
        for (TableColumn<?, ?> c : table.getColumns()) {
            values.setProperty(key(table, c), Long.toString(Math.round(c.getWidth())));
        }
    }

    /** Writes the file (atomically); a failure is logged, never shown: losing a layout loses nothing else. */
    public void save() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                values.store(w, "Bosun console layout");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Could not save the window layout to {}: {}", file, e.getMessage());
        }
    }

    private static String key(TableView<?> table, TableColumn<?, ?> column) {
        return "column." + table.getId() + "." + column.getText().replaceAll("[^A-Za-z0-9]+", "_");
    }

    private double number(String key, double fallback) {
        try {
            return Double.parseDouble(values.getProperty(key, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
