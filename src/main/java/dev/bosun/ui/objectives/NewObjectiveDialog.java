package dev.bosun.ui.objectives;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Objective;
import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** The New objective form. It stays open until the engine has created the objective or said what is wrong. */
public final class NewObjectiveDialog extends Dialog<Objective> {
    public static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    public NewObjectiveDialog(Window owner, NewObjectiveViewModel vm) {
        initOwner(owner);
        setTitle("New objective");
        setHeaderText("What should the agents do, and in which repository?  (Ctrl+Enter creates)");
        setResizable(true);

        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setPromptText("e.g. Add a --json flag to the export command, with tests");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(6);
        prompt.textProperty().bindBidirectional(vm.prompt);
        // In a form, Tab moves to the next field (a TextArea would insert a tab character).
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                prompt.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true,
                        false, false));
            }
        });

        TextField repository = new TextField();
        repository.setId("repository");
        repository.setPromptText("/path/to/repo or https://github.com/owner/repo.git");
        repository.textProperty().bindBidirectional(vm.repository);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a git repository");
            File dir = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) {
                vm.repository.set(dir.getAbsolutePath());
            }
        });
        HBox repoRow = new HBox(6, repository, browse);
        HBox.setHgrow(repository, Priority.ALWAYS);

        TextField baseBranch = new TextField();
        baseBranch.setId("baseBranch");
        baseBranch.setPromptText("default branch");
        baseBranch.textProperty().bindBidirectional(vm.baseBranch);

        TextField title = new TextField();
        title.setId("title");
        title.setPromptText("optional; the prompt's first line otherwise");
        title.textProperty().bindBidirectional(vm.title);

        ComboBox<AgentKind> agent = new ComboBox<>();
        agent.setId("managerAgent");
        agent.getItems().setAll(AgentKind.values());
        agent.valueProperty().bindBidirectional(vm.managerAgent);
        agent.setCellFactory(l -> new AgentCell());
        agent.setButtonCell(new AgentCell());

        Spinner<Integer> managers = new Spinner<>(1, ObjectiveDraft.MAX_MANAGERS,
                vm.defaultMaxManagers);
        managers.setId("maxManagers");
        managers.setEditable(true);
        managers.setPrefWidth(90);
        managers.getValueFactory().valueProperty().bindBidirectional(vm.maxManagers);
        Label managersHelp = new Label("managers may end unfinished before you are asked");
        managersHelp.getStyleClass().add("hint");
        HBox managersRow = new HBox(8, managers, managersHelp);
        managersRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(labels, new ColumnConstraints());
        int r = 0;
        grid.addRow(r++, new Label("Prompt"), prompt);
        grid.add(error("promptError", vm.promptError), 1, r++);
        grid.addRow(r++, new Label("Repository"), repoRow);
        grid.add(error("repositoryError", vm.repositoryError), 1, r++);
        grid.addRow(r++, new Label("Base branch"), baseBranch);
        grid.add(error("baseBranchError", vm.baseBranchError), 1, r++);
        grid.addRow(r++, new Label("Title"), title);
        grid.addRow(r++, new Label("Manager agent"), agent);
        grid.addRow(r++, new Label("Managers budget"), managersRow);
        grid.add(error("formError", vm.formError), 0, r, 2, 1);
        GridPane.setHgrow(prompt, Priority.ALWAYS);
        GridPane.setHgrow(repoRow, Priority.ALWAYS);

        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(640);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("createObjective");
        create.disableProperty().bind(vm.submitting);
        // Keep the dialog open: it closes only when the engine has created the objective.
        create.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.submit(objective -> {
                setResult(objective);
                close();
            });
        });
        // Ctrl+Enter (Cmd+Enter on macOS) creates from anywhere in the form, the prompt included.
        getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                create.fire();
            }
        });
        setResultConverter(button -> null);
        setOnShown(e -> prompt.requestFocus());
    }

    private static Node error(String id, StringProperty message) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(message);
        label.visibleProperty().bind(message.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static final class AgentCell extends ListCell<AgentKind> {
        @Override
        protected void updateItem(AgentKind item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }
}
