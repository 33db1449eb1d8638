package dev.bosun.ui.targets;

import dev.bosun.store.Row.TargetRow;
import dev.bosun.ui.Columns;
import dev.bosun.ui.Commands;
import dev.bosun.ui.RowList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.TableView;

/** The machines that run workers and how loaded they are. */
public final class TargetsView {
    private final TableView<TargetRow> table;
    private final BorderPane pane;

    public TargetsView(RowList<TargetRow> rows, Commands commands) {
        table = Columns.table(rows, "No targets.");
        table.setId("targetsTable");
        table.getColumns().setAll(List.of(
                Columns.text("Name", 140, TargetRow::name),
                Columns.text("Kind", 70, TargetRow::kind),
                Columns.status("Status", 90, TargetRow::status),
                Columns.text("Host", 160, TargetRow::host),
                Columns.text("Load", 90, r -> r.running() + " / " + r.capacity()),
                Columns.text("Free disk", 90, r -> r.freeDiskMb() == null ? "" : r.freeDiskMb() >= 10 * 1024
                        ? r.freeDiskMb() / 1024 + " GiB" : r.freeDiskMb() + " MiB"),
                Columns.text("Work root", 260, TargetRow::workRoot),
                Columns.text("Doctor", 260, r -> r.doctor().replace('\n', ';')),
                Columns.time("Last seen", 100, TargetRow::lastSeenAt)));
        Button doctor = Commands.forSelection("runDoctor", "Run doctor", "Check the selected target again: "
                + "connection, git, work root, agents, free disk", table, t -> !t.status().equals("removed"),
                t -> commands.run("The doctor could not run on " + t.name(),
                        () -> commands.operations().targets().runDoctor(t.id()), report -> { }));
        pane = new BorderPane(table);
        pane.setTop(new ToolBar(doctor));
    }

    public Node node() {
        return pane;
    }

    public TableView<TargetRow> table() {
        return table;
    }
}
