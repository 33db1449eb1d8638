package dev.bosun.app;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * Says why Bosun has no window when JavaFX itself could not open one (no display, no GTK): on stderr, and, for a
 * double-clicked Bosun whose stderr nobody sees, in a dialog drawn by whatever the desktop still offers: zenity,
 * kdialog or xmessage on Linux, AWT elsewhere.
 */
final class NoWindowNotice {
    static final String HINT = "Bosun needs a graphical session; on Linux also GTK 3 (Debian and Ubuntu: "
            + "sudo apt install libgtk-3-0). To run it without a window: bosun --headless.";

    private NoWindowNotice() {}

    static void show(String message) {
        System.err.println("bosun: " + message);
        System.err.flush();
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
                return; // no display: nobody could see a dialog, and stderr says it already
            }
            for (List<String> dialog : List.of(
                    List.of("zenity", "--error", "--title=Bosun", "--no-markup", "--text=" + message),
                    List.of("kdialog", "--title", "Bosun", "--error", message),
                    List.of("xmessage", "-center", message))) {
                if (onPath(dialog.get(0)) && ran(dialog)) {
                    return;
                }
            }
            return;
        }
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless()) {
                javax.swing.JOptionPane.showMessageDialog(null, message, "Bosun could not start",
                        javax.swing.JOptionPane.ERROR_MESSAGE);
            }
        } catch (RuntimeException | LinkageError e) {
            // the message is on stderr already
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, program).canExecute());
    }

    private static boolean ran(List<String> argv) {
        try {
            return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() != 127;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
