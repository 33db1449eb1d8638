package dev.bosun.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import dev.bosun.store.Row;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** Column and table builders shared by the screens, so every table looks and sorts the same way. */
public final class Columns {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Columns() {}

    /**
     * A column whose header is never cut ("Manage…"): at least as wide as its title (bold, as the themes draw it) and
     * the sort arrow.
     */
    private static <R, T> TableColumn<R, T> titled(String title, double width) {
        TableColumn<R, T> c = new TableColumn<>(title);
        javafx.scene.text.Text text = new javafx.scene.text.Text(title);
        text.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize()));
        double fits = Math.ceil(text.getLayoutBounds().getWidth()) + 32;
        c.setMinWidth(Math.min(fits, 400));
        c.setPrefWidth(Math.max(width, fits));
        return c;
    }

    /** A text column; a cell whose text is cut off shows all of it as a tooltip. */
    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = titled(title, width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(nullToEmpty(value.apply(cd.getValue()))));
        c.setCellFactory(col -> new TableCell<>() {
            // one per cell, its text changed: a table refreshes every visible cell on each change of its rows, and
            // a new Tooltip each time was most of a refresh
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                boolean cut = !empty && item != null && item.length() >= 30;
                if (cut) {
                    tip.setText(item);
                }
                if (cut != (getTooltip() != null)) {
                    setTooltip(cut ? tip : null);
                }
            }
        });
        return c;
    }

    public static <R> TableColumn<R, Long> number(String title, double width, ToLongFunction<R> value) {
        TableColumn<R, Long> c = titled(title, width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.applyAsLong(cd.getValue())));
        return c;
    }

    /** A status column: the wire name shown with spaces, styled by the CSS class {@code status-<name>}. */
    public static <R> TableColumn<R, String> status(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = text(title, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            private String styled; // the status class it has now: a change of style classes restyles the cell

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean none = empty || item == null || item.isEmpty();
                setText(none ? null : item.replace('_', ' '));
                String wanted = none ? null : "status-" + item;
                if (!java.util.Objects.equals(wanted, styled)) {
                    if (styled != null) {
                        getStyleClass().remove(styled);
                    }
                    if (wanted != null) {
                        getStyleClass().add(wanted);
                    }
                    styled = wanted;
                }
            }
        });
        return c;
    }

    /** A time column: today's times as HH:mm:ss, older ones with their date; sorts by the instant. */
    public static <R> TableColumn<R, Instant> time(String title, double width, Function<R, Instant> value) {
        TableColumn<R, Instant> c = titled(title, width);
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

    /**
     * A table over {@code rows}. Clicking a header sorts the rows themselves, and the table sorts again only when rows
     * were added: an update replaces its row in place without moving it. (A {@code SortedList} would re-sort on every
     * update, through the columns' value factories: over 100 ms per burst drain on a 10,000-row table.) An update
     * fires no list change at all ({@link RowList#setQuietUpdates}): the rows shown that changed are refreshed, and
     * nothing else is.
     */
    public static <R extends Row> TableView<R> table(RowList<R> rows, String placeholder) {
        TableView<R> table = new TableView<>(rows);
        rows.setQuietUpdates(true);
        rows.addBatchListener(new KeepSelection<>(table, rows));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label(placeholder));
        return table;
    }

    /**
     * A table like {@link #table} that can also show only the rows that pass {@code filter} (a search box, a status
     * choice). With no filter (null) it shows the rows themselves, sorted in place, cheap at any size; while a filter
     * is set it shows a filtered, sorted view (a {@code SortedList}, which re-sorts on each update: fine for what a
     * filter leaves). The selection is kept by key through every batch in both.
     */
    public static <R extends Row> TableView<R> filteredTable(RowList<R> rows,
            javafx.beans.value.ObservableValue<java.util.function.Predicate<R>> filter, String placeholder) {
        TableView<R> table = table(rows, placeholder);
        javafx.collections.transformation.FilteredList<R> filtered =
                new javafx.collections.transformation.FilteredList<>(rows, r -> true);
        javafx.collections.transformation.SortedList<R> sorted =
                new javafx.collections.transformation.SortedList<>(filtered);
        Runnable apply = () -> {
            java.util.function.Predicate<R> p = filter.getValue();
            // the filtered, sorted view needs every change to re-filter and re-sort
            rows.setQuietUpdates(p == null);
            if (p == null) {
                sorted.comparatorProperty().unbind();
                table.setItems(rows);
                table.sort();
            } else {
                filtered.setPredicate(p);
                if (table.getItems() != sorted) {
                    table.setItems(sorted);
                    sorted.comparatorProperty().bind(table.comparatorProperty());
                }
            }
        };
        filter.addListener((obs, old, now) -> apply.run());
        // a binding is held weakly by what it observes: the table keeps it alive
        table.getProperties().put("bosun.filter", filter);
        apply.run();
        rows.addBatchListener(new RowList.BatchListener() {
            private List<String> selected = List.of();

            @Override
            public void beforeBatch() {
                selected = table.getSelectionModel().getSelectedItems().stream().map(Row::key).toList();
            }

            @Override
            public void afterBatch(int added, java.util.BitSet replacedQuietly) {
                List<String> now = table.getSelectionModel().getSelectedItems().stream().map(Row::key).toList();
                if (table.getItems() == sorted && !now.equals(selected)) {
                    table.getSelectionModel().clearSelection();
                    for (int i = 0; i < table.getItems().size(); i++) {
                        if (selected.contains(table.getItems().get(i).key())) {
                            table.getSelectionModel().select(i);
                        }
                    }
                }
            }
        });
        return table;
    }

    /** Keeps the selected and focused rows (by key) through a batch, and re-sorts when rows were added. */
    private static final class KeepSelection<R extends Row> implements RowList.BatchListener {
        private final TableView<R> table;
        private final RowList<R> rows;
        private List<String> selected = List.of();
        private String focused;

        KeepSelection(TableView<R> table, RowList<R> rows) {
            this.table = table;
            this.rows = rows;
        }

        @Override
        public void beforeBatch() {
            selected = table.getSelectionModel().getSelectedItems().stream().map(Row::key).toList();
            R f = table.getFocusModel().getFocusedItem();
            focused = f == null ? null : f.key();
        }

        @Override
        public void afterBatch(int added, java.util.BitSet replacedQuietly) {
            if (table.getItems() != rows) {
                return; // a filtered view keeps its own selection
            }
            var selection = table.getSelectionModel();
            for (int i : selection.getSelectedIndices().stream().mapToInt(Integer::intValue).toArray()) {
                if (replacedQuietly.get(i)) {
                    // the selected item becomes the new row, before a sort looks for it: what follows it sees it
                    selection.select(i);
                }
            }
            int focusedAt = table.getFocusModel().getFocusedIndex();
            if (focusedAt >= 0 && replacedQuietly.get(focusedAt)) {
                table.getFocusModel().focus(focusedAt);
            }
            if (added > 0 && !table.getSortOrder().isEmpty()) {
                table.sort(); // a whole-list change: every row is shown anew
            } else {
                refreshShown(replacedQuietly);
            }
            List<String> now = selection.getSelectedItems().stream().map(Row::key).toList();
            if (!now.equals(selected)) {
                selection.clearSelection();
                for (String key : selected) {
                    int at = rows.indexOfKey(key);
                    if (at >= 0) {
                        selection.select(at);
                    }
                }
            }
            if (focused != null && rows.indexOfKey(focused) >= 0) {
                table.getFocusModel().focus(rows.indexOfKey(focused));
            }
        }

        /**
         * Makes each row on screen whose item was replaced quietly take its new item (its cells follow). Rows off
         * screen take theirs when they are next laid out.
         */
        private void refreshShown(java.util.BitSet replaced) {
            if (replaced.isEmpty()
                    || !(table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
                return;
            }
            var first = flow.getFirstVisibleCell();
            var last = flow.getLastVisibleCell();
            if (first == null || last == null) {
                return;
            }
            for (int i = replaced.nextSetBit(first.getIndex()); i >= 0 && i <= last.getIndex();
                    i = replaced.nextSetBit(i + 1)) {
                var cell = flow.getVisibleCell(i);
                if (cell != null) {
                    cell.updateIndex(i); // same index, new item: it updates itself and its cells
                }
            }
        }
    }

    /** Tokens and cost, e.g. {@code 12.4k tok · $0.031}; empty before the first turn. */
    public static String usage(long tokens, double costUsd) {
        if (tokens == 0 && costUsd == 0) {
            return "";
        }
        String t = tokens < 1000 ? tokens + " tok" : String.format("%.1fk tok", tokens / 1000.0);
        return costUsd > 0 ? t + String.format(" · $%.3f", costUsd) : t;
    }

    /** Sorts the table by {@code column}, newest (largest) first. */
    public static <R, T> void sortDescending(TableView<R> table, TableColumn<R, T> column) {
        column.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(column));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The last part of an id, enough to tell rows apart in a table. */
    public static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? "…" + id.substring(id.length() - 6) : id;
    }
}
