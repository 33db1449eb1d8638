package dev.bosun.ui.targets;

import dev.bosun.domain.WireNames;
import dev.bosun.domain.TargetStatus;
import dev.bosun.store.Row.TargetRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import dev.bosun.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/** The machines that run workers and how loaded they are. */
public final class TargetsView {
    private final TableView<TargetRow> table;
    private final BorderPane pane;

    public TargetsView(RowList<TargetRow> rows, Commands commands) {
        table = Columns.table(rows, "No targets.");
        table.setId("targetsTable");
        table.getColumns().setAll(List.of(
                Columns.text("Name", 140, TargetRow::name),
                Columns.text("Kind", 70, r -> WireNames.of(r.kind())),
                Columns.status("Status", 90, r -> r.status().wire()),
                Columns.text("Host", 160, TargetRow::host),
                Columns.text("Load", 90, r -> r.running() + " / " + r.capacity()),
                Columns.text("Free disk", 90, r -> r.freeDiskMb() == null ? "" : r.freeDiskMb() >= 10 * 1024
                        ? r.freeDiskMb() / 1024 + " GiB" : r.freeDiskMb() + " MiB"),
                Columns.text("Agents", 130, TargetsView::agents),
                Columns.text("Sandbox", 130, r -> r.sandbox() == null ? "" : r.sandbox().isBlank()
                        ? "none: agents see all" : r.sandbox()),
                Columns.text("Work root", 260, TargetRow::workRoot),
                Columns.text("Doctor", 260, r -> r.doctor().replace('\n', ';')),
                Columns.time("Last seen", 100, TargetRow::lastSeenAt)));
        Button doctor = Commands.forSelection("runDoctor", "Run doctor", "Check the selected target again: "
                + "connection, git, work root, agents, free disk", table, t -> !t.status().terminal(),
                t -> commands.run("The doctor could not run on " + t.name(),
                        () -> commands.operations().targets().runDoctor(t.id()), report -> { }));
        Button add = new Button("Add SSH target…");
        add.setId("addTarget");
        add.setTooltip(new javafx.scene.control.Tooltip(
                "Add a machine to run workers on; the doctor checks it at once"));
        add.setOnAction(e -> new AddTargetDialog(commands).showAndWait().ifPresent(spec -> commands.run(
                "The target was not added", () -> commands.operations().targets().add(spec), t -> {
                    if (t.status() != TargetStatus.ONLINE) {
                        commands.showError("Target " + t.name() + " was added but is " + t.status().wire(),
                                new IllegalStateException("The Doctor column says what to fix."));
                    }
                })));
        Button drain = status(commands, "drainTarget", "Drain", "Start nothing new on the selected target; what runs "
                + "there finishes", TargetStatus.DRAINING);
        Button enable = status(commands, "enableTarget", "Enable", "Let the selected target take sessions again",
                TargetStatus.ONLINE);
        Button disable = status(commands, "disableTarget", "Disable", "Take the selected target out of use",
                TargetStatus.DISABLED);
        Button capacity = Commands.forSelection("targetCapacity", "Capacity…", "How many workers the selected target "
                + "runs at once", table, t -> !t.status().terminal(), t -> {
                    javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(
                            Integer.toString(t.capacity()));
                    dialog.initOwner(commands.owner());
                    dialog.setHeaderText("Workers " + t.name() + " runs at once (0 to 256)");
                    dialog.showAndWait().map(String::strip).ifPresent(text -> {
                        int n;
                        try {
                            n = Integer.parseInt(text);
                        } catch (NumberFormatException e) {
                            commands.showError("The capacity was not changed",
                                    new IllegalArgumentException("\"" + text + "\" is not a whole number."));
                            return;
                        }
                        commands.run("The capacity was not changed",
                                () -> commands.operations().targets().setCapacity(t.id(), n), v -> { });
                    });
                });
        Button remove = Commands.forSelection("removeTarget", "Remove…", "Remove the selected host: sessions waiting "
                + "for it fail; refused while one runs there", table,
                t -> t.kind() == dev.bosun.domain.TargetKind.SSH && !t.status().terminal(), t -> {
                    javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(
                            javafx.scene.control.Alert.AlertType.CONFIRMATION, "Sessions waiting for " + t.name()
                                    + " will fail. Its checkouts stay on the host.",
                            javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
                    confirm.initOwner(commands.owner());
                    confirm.setHeaderText("Remove " + t.name() + "?");
                    if (confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
                        commands.run("Target " + t.name() + " was not removed",
                                () -> commands.operations().targets().remove(t.id()), removed -> { });
                    }
                });
        pane = new BorderPane(table);
        Icons.on(add, Feather.PLUS);
        Icons.on(doctor, Feather.ACTIVITY);
        Icons.on(capacity, Feather.SLIDERS);
        Icons.on(drain, Feather.PAUSE);
        Icons.on(enable, Feather.PLAY);
        Icons.on(disable, Feather.SLASH);
        Icons.on(remove, Feather.TRASH_2);
        pane.setTop(new ToolBar(add, doctor, capacity, drain, enable, disable, remove));
    }

    private Button status(Commands commands, String id, String text, String tooltip, TargetStatus to) {
        return Commands.forSelection(id, text, tooltip, table, t -> t.status().operatorMayMoveTo(to),
                t -> commands.run("Target " + t.name() + " was not changed",
                        () -> commands.operations().targets().setStatus(t.id(), to), changed -> { }));
    }

    public Node node() {
        return pane;
    }

    /** The agents the target's doctor found it can run, e.g. {@code claude, demo}; this machine's were found at start. */
    static String agents(TargetRow r) {
        if (r.agents() == null) {
            return r.kind() == dev.bosun.domain.TargetKind.LOCAL ? "found at start" : "not examined yet";
        }
        return r.agents().isBlank() ? "none" : r.agents().replace(",", ", ");
    }

    public TableView<TargetRow> table() {
        return table;
    }
}
