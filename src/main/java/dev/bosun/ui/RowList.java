package dev.bosun.ui;

import dev.bosun.store.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ModifiableObservableListBase;

/**
 * The backing list of one table: rows keyed by {@link Row#key()}. {@link #upsertAll} applies a whole batch as one
 * list change (one event for the table, however many rows changed), replacing rows in place so selection and scroll
 * position survive. With a {@code capacity}, the oldest rows are dropped once it is exceeded.
 */
public final class RowList<R extends Row> extends ModifiableObservableListBase<R> {
    private final List<R> rows = new ArrayList<>();
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final int capacity;

    public RowList() {
        this(Integer.MAX_VALUE);
    }

    public RowList(int capacity) {
        this.capacity = capacity;
    }

    /** Replaces rows with the same key, appends new ones; all in one change. */
    public void upsertAll(Collection<? extends R> batch) {
        if (batch.isEmpty()) {
            return;
        }
        beginChange();
        try {
            for (R row : batch) {
                Integer at = indexByKey.get(row.key());
                if (at != null) {
                    set(at, row);
                } else {
                    add(row);
                }
            }
            if (rows.size() > capacity) {
                removeRange(0, rows.size() - capacity);
            }
        } finally {
            endChange();
        }
    }

    /** Adds rows whose key is not present yet; existing (newer) rows are kept. */
    public void addAbsent(Collection<? extends R> batch) {
        upsertAll(batch.stream().filter(r -> !indexByKey.containsKey(r.key())).toList());
    }

    public boolean containsKey(String key) {
        return indexByKey.containsKey(key);
    }

    public R byKey(String key) {
        Integer at = indexByKey.get(key);
        return at == null ? null : rows.get(at);
    }

    @Override
    public R get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, R element) {
        rows.add(index, element);
        if (index == rows.size() - 1) {
            indexByKey.put(element.key(), index);
        } else {
            reindex();
        }
    }

    @Override
    protected R doSet(int index, R element) {
        R old = rows.set(index, element);
        if (!old.key().equals(element.key())) {
            indexByKey.remove(old.key());
            indexByKey.put(element.key(), index);
        }
        return old;
    }

    @Override
    protected R doRemove(int index) {
        R old = rows.remove(index);
        indexByKey.remove(old.key());
        reindex();
        return old;
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        // One reindex for the whole range instead of one per removed row.
        beginChange();
        try {
            for (int i = fromIndex; i < toIndex; i++) {
                nextRemove(fromIndex, rows.get(i));
            }
            List<R> removed = rows.subList(fromIndex, toIndex);
            removed.forEach(r -> indexByKey.remove(r.key()));
            removed.clear();
            reindex();
        } finally {
            endChange();
        }
    }

    private void reindex() {
        indexByKey.clear();
        for (int i = 0; i < rows.size(); i++) {
            indexByKey.put(rows.get(i).key(), i);
        }
    }
}
