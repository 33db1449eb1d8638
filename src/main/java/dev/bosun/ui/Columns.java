package dev.bosun.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Column and table builders shared by the screens, so every table looks and sorts the same way. */
public final class Columns {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Columns() {}

    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(nullToEmpty(value.apply(cd.getValue()))));
        return c;
    }

    public static <R> TableColumn<R, Long> number(String title, double width, ToLongFunction<R> value) {
        TableColumn<R, Long> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.applyAsLong(cd.getValue())));
        return c;
    }

    /** A status column: the wire name shown with spaces, styled by the CSS class {@code status-<name>}. */
    public static <R> TableColumn<R, String> status(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = text(title, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || item == null || item.isEmpty()) {
                    setText(null);
                } else {
                    setText(item.replace('_', ' '));
                    getStyleClass().add("status-" + item);
                }
            }
        });
        return c;
    }

    /** A time column: today's times as HH:mm:ss, older ones with their date; sorts by the instant. */
    public static <R> TableColumn<R, Instant> time(String title, double width, Function<R, Instant> value) {
        TableColumn<R, Instant> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format(item));
            }
        });
        return c;
    }

    public static String format(Instant at) {
        var local = at.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    /** A table over {@code rows} that sorts through a {@link SortedList}, leaving the backing list's order alone. */
    public static <R> TableView<R> table(ObservableList<R> rows, String placeholder) {
        TableView<R> table = new TableView<>();
        SortedList<R> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label(placeholder));
        return table;
    }

    /** Sorts the table by {@code column}, newest (largest) first. */
    public static <R, T> void sortDescending(TableView<R> table, TableColumn<R, T> column) {
        column.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(java.util.List.of(column));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The last part of an id, enough to tell rows apart in a table. */
    public static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? "…" + id.substring(id.length() - 6) : id;
    }
}
