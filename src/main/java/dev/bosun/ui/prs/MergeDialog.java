package dev.bosun.ui.prs;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.WireNames;
import dev.bosun.store.Row.PullRequestRow;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks before a merge, naming what would be merged: the PR, its head commit, its checks and whether it merges
 * cleanly, with the method. Failing checks need a second, explicit step (a box to tick); a conflict cannot be merged.
 * The answer carries the head the operator saw, so a commit pushed meanwhile is refused, not merged unseen.
 */
final class MergeDialog extends Dialog<MergeRequest> {
    MergeDialog(Window owner, PullRequestRow pr) {
        initOwner(owner);
        setTitle("Merge PR #" + pr.number());
        setHeaderText("Merge PR #" + pr.number() + " \"" + pr.title() + "\" into " + pr.baseBranch() + "?");
        boolean failing = pr.checks() == ChecksState.FAILING;
        boolean conflicting = "conflicting".equals(pr.mergeable());
        ChoiceBox<MergeMethod> method = new ChoiceBox<>();
        method.getItems().setAll(MergeMethod.values());
        method.setValue(MergeMethod.MERGE);
        method.setId("mergeMethod");
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(MergeMethod m) {
                return m == null ? "" : switch (m) {
                    case MERGE -> "Merge commit";
                    case SQUASH -> "Squash into one commit";
                    case REBASE -> "Rebase onto " + pr.baseBranch();
                };
            }

            @Override
            public MergeMethod fromString(String s) {
                return null;
            }
        });
        CheckBox despite = new CheckBox("Merge although its checks fail");
        despite.setId("mergeDespiteFailingChecks");
        despite.setVisible(failing);
        despite.setManaged(failing);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        String head = pr.headSha() == null || pr.headSha().isBlank() ? "(not known yet: refresh first)"
                : pr.headSha().substring(0, Math.min(12, pr.headSha().length()));
        grid.addRow(0, new Label("Branch"), new Label(pr.branch() + " → " + pr.baseBranch()));
        grid.addRow(1, new Label("Head commit"), new Label(head));
        grid.addRow(2, new Label("Checks"), new Label(WireNames.of(pr.checks())
                + (failing ? ": failing. Merge only if you know why." : "")));
        grid.addRow(3, new Label("Merges"), new Label(conflicting ? "no: conflicts in " + pr.conflictFiles()
                : pr.mergeable()));
        grid.addRow(4, new Label("Method"), method);
        grid.add(despite, 1, 5);
        getDialogPane().setContent(grid);
        ButtonType merge = new ButtonType("Merge", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(merge, ButtonType.CANCEL);
        javafx.scene.Node ok = getDialogPane().lookupButton(merge);
        ok.setId("confirmMerge");
        if (conflicting) {
            ok.setDisable(true);
        } else if (failing) {
            ok.disableProperty().bind(despite.selectedProperty().not());
        }
        setResultConverter(button -> button == merge ? new MergeRequest(pr.headSha(), method.getValue(),
                despite.isSelected()) : null);
    }
}
