package dev.bosun.ui.targets;

import dev.bosun.engine.TargetOperations.SshTargetSpec;
import dev.bosun.ui.Commands;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Adds an SSH target. Bosun runs the doctor on it at once: it comes online if every check passes, else offline with the
 * report that says what to fix.
 */
final class AddTargetDialog extends Dialog<SshTargetSpec> {
    AddTargetDialog(Commands commands) {
        initOwner(commands.owner());
        setTitle("Add an SSH target");
        setHeaderText("A machine Bosun reaches with ssh, to run workers on");
        TextField name = field("targetName", "build-box");
        TextField host = field("targetHost", "build-box.example.com or an ~/.ssh/config alias");
        TextField user = field("targetUser", "your ssh user (optional)");
        Spinner<Integer> port = new Spinner<>(1, 65535, 22);
        port.setEditable(true);
        TextField key = field("targetKey", "~/.ssh/id_ed25519 (optional)");
        TextField root = field("targetWorkRoot", "/srv/bosun/work");
        Spinner<Integer> capacity = new Spinner<>(1, 256, 4);
        capacity.setEditable(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int r = 0;
        grid.addRow(r++, new Label("Name"), name);
        grid.addRow(r++, new Label("Host"), host);
        grid.addRow(r++, new Label("User"), user);
        grid.addRow(r++, new Label("Port"), port);
        grid.addRow(r++, new Label("Identity file"), key);
        grid.addRow(r++, new Label("Work root"), root);
        grid.addRow(r++, new Label("Capacity"), capacity);
        getDialogPane().setContent(grid);
        ButtonType add = new ButtonType("Add and check", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(add, ButtonType.CANCEL);
        getDialogPane().lookupButton(add).disableProperty().bind(name.textProperty().isEmpty()
                .or(host.textProperty().isEmpty()).or(root.textProperty().isEmpty()));
        setResultConverter(b -> b != add ? null : new SshTargetSpec(name.getText().strip(), host.getText().strip(),
                blankToNull(user.getText()), port.getValue(), blankToNull(key.getText()), root.getText().strip(),
                capacity.getValue(), ""));
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
