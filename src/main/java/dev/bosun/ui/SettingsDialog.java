package dev.bosun.ui;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The settings file in a dialog: GitHub, the PR refresh, the supervisor's knobs and what agents get. A blank field is
 * the default (shown as its prompt). Saving checks the whole file as a start does and, when a value cannot be used,
 * says so with the start's message and keeps the dialog open; the file changes only when all is well. The running
 * Bosun keeps its settings until its next start (the dialog says so).
 */
public final class SettingsDialog extends Dialog<Boolean> {
    private record Field(String key, String label, String byDefault, String hint) {}

    private static final Field[] FIELDS = {
        new Field("github.api", "GitHub API", "https://api.github.com", "GitHub Enterprise: https://host/api/v3"),
        new Field("pr.refresh.seconds", "PR refresh, seconds", "60", "how often open PRs are asked about (10 to 86400)"),
        new Field("supervisor.idle.seconds", "Manager idle, seconds", "90", "quiet this long with no worker: poked"),
        new Field("supervisor.cooldown.seconds", "Cooldown, seconds", "90", "at least this long between two actions"),
        new Field("supervisor.max.managers", "Managers per objective", "4", "that really ran, before you are asked"),
        new Field("supervisor.max.pokes", "Pokes without progress", "3", "before you are asked instead"),
        new Field("agents.env", "Agents also get", "", "NAME or PREFIX_*, comma-separated, of Bosun's environment"),
    };

    /** A credential: typed, never shown, kept or removed. */
    private record Secret(String key, String label, String unset, String hint) {}

    private static final List<Secret> SECRETS = List.of(
            new Secret("github.token", "GitHub token", "not set (GITHUB_TOKEN or gh is used)", "for pull requests"),
            new Secret("agents.claude.token", "Claude token for agents", "not set (agents share ~/.claude)",
                    "from claude setup-token, or an Anthropic API key: each agent then has a ~/.claude of its own, "
                            + "and none can change yours"),
            new Secret("agents.codex.key", "Codex key for agents", "not set (agents share ~/.codex)",
                    "an OpenAI API key: each agent then has a ~/.codex of its own, and none can change yours"));

    public SettingsDialog(Window owner, SettingsFile file) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText("Settings, in " + file.location() + "\nBosun uses them from its next start.");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        Map<String, String> now;
        java.util.Set<String> secretsSet;
        Label error = new Label();
        error.setId("settingsError");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(620);
        try {
            now = file.values();
            secretsSet = file.secretsSet();
        } catch (IOException e) {
            now = Map.of();
            secretsSet = java.util.Set.of();
            error.setText(e.getMessage());
        }
        Map<String, TextInputControl> inputs = new LinkedHashMap<>();
        int row = 0;
        for (Field f : FIELDS) {
            TextField input = new TextField(now.getOrDefault(f.key(), ""));
            input.setId("setting-" + f.key().replace('.', '-'));
            input.setPromptText(f.byDefault().isEmpty() ? "(none)" : f.byDefault() + " (default)");
            input.setPrefColumnCount(24);
            Label hint = new Label(f.hint());
            hint.getStyleClass().add("hint");
            grid.addRow(row++, new Label(f.label()), input, hint);
            inputs.put(f.key(), input);
        }
        Map<String, PasswordField> secrets = new LinkedHashMap<>();
        Map<String, CheckBox> removals = new LinkedHashMap<>();
        for (Secret f : SECRETS) {
            boolean set = secretsSet.contains(f.key());
            PasswordField input = new PasswordField();
            input.setId("setting-" + f.key().replace('.', '-'));
            input.setPromptText(set ? "set: type to replace it" : f.unset());
            input.setPrefColumnCount(24);
            input.setTooltip(new javafx.scene.control.Tooltip(f.hint()));
            CheckBox remove = new CheckBox("Remove the saved one");
            remove.setId("remove-" + f.key().replace('.', '-'));
            remove.setDisable(!set);
            grid.addRow(row++, new Label(f.label()), input, remove);
            secrets.put(f.key(), input);
            removals.put(f.key(), remove);
        }
        ChoiceBox<String> sandbox = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList("auto", "off"));
        sandbox.setId("setting-agents-sandbox");
        String sandboxNow = now.getOrDefault("agents.sandbox", "auto");
        sandbox.setValue(sandboxNow);
        Label sandboxHint = new Label("auto: each agent in a sandbox where its target can make one");
        sandboxHint.getStyleClass().add("hint");
        grid.addRow(row++, new Label("Agent sandbox"), sandbox, sandboxHint);
        grid.add(error, 0, row, 3, 1);
        getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("saveSettings");
        Map<String, String> before = now;
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            Map<String, String> changes = new LinkedHashMap<>();
            inputs.forEach((key, input) -> {
                String value = input.getText().strip();
                if (!value.equals(before.getOrDefault(key, "").strip())) {
                    changes.put(key, value);
                }
            });
            if (!sandbox.getValue().equals(sandboxNow)) {
                changes.put("agents.sandbox", sandbox.getValue().equals("auto") ? "" : sandbox.getValue());
            }
            secrets.forEach((key, input) -> {
                if (removals.get(key).isSelected()) {
                    changes.put(key, "");
                } else if (!input.getText().isBlank()) {
                    changes.put(key, input.getText().strip());
                }
            });
            try {
                if (!changes.isEmpty()) {
                    file.save(changes);
                }
            } catch (IOException x) {
                error.setText(x.getMessage() + " Nothing was saved.");
                e.consume(); // the dialog stays open with what the operator typed
            }
        });
        setResultConverter(b -> b == save);
    }
}
