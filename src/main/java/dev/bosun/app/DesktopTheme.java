package dev.bosun.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers a dark look, asked once at start (JavaFX 21 cannot tell): GNOME's color-scheme or a dark
 * GTK theme, macOS's AppleInterfaceStyle, Windows' AppsUseLightTheme. Asked on the start thread, never the FX thread;
 * a desktop that does not answer within a second is taken as light. The console follows it until the operator picks
 * a theme.
 */
final class DesktopTheme {
    private DesktopTheme() {}

    static boolean prefersDark() {
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(Locale.ROOT).endsWith(":dark")) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).strip().equalsIgnoreCase("dark");
        }
        if (os.contains("win")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("prefer-dark")
                || ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
                        .toLowerCase(Locale.ROOT).contains("dark");
    }

    /** What the command printed, or "" when it is missing, fails or takes over a second: never an exception. */
    static String ask(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close(); // it reads nothing
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? out : "";
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
