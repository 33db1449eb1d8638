package dev.bosun.ui;

import dev.bosun.store.Row;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.ModifiableObservableListBase;

/**
 * The backing list of one table: rows keyed by {@link Row#key()}. {@link #upsertAll} applies a whole batch as one
 * list change (one event for the table, however many rows changed), replacing rows in place so selection and scroll
 * position survive. With a {@code capacity}, the oldest rows (by {@code age}, wherever a sort put them) are dropped
 * once it is exceeded.
 *
 * <p>With {@link #setQuietUpdates quiet updates}, a row replaced in place fires no list change at all: a
 * {@code TableView} re-renders every visible cell on any replacement (its skin resets its item count), which at 1,000
 * changes a second over 10,000 rows held the FX thread 100-130 ms at a time. Its batch listeners get the replaced
 * positions instead, and the table refreshes only those rows it shows. Rows added or removed always fire changes;
 * {@link #revision} counts every batch, for what summarises the rows.
 */
public final class RowList<R extends Row> extends ModifiableObservableListBase<R> {
    private final List<R> rows = new ArrayList<>();
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final int capacity;
    private final List<BatchListener> batchListeners = new ArrayList<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private boolean quietUpdates;
    private final Comparator<? super R> age;
    private final Set<String> replacedQuietly = new HashSet<>();
    private int added;

    /**
     * Called around each batch the feed applies. A {@code TableView} clears its selection when a selected row is
     * replaced; a view uses this to remember the selection before and restore it after.
     */
    public interface BatchListener {
        void beforeBatch();

        /**
         * @param added how many rows the batch added
         * @param replacedQuietly the positions of rows replaced without a list change (quiet updates)
         */
        void afterBatch(int added, BitSet replacedQuietly);
    }
    /** Batches larger than this are applied as one whole-list replacement. */
    static final int BULK_THRESHOLD = 256;

    public RowList() {
        this(Integer.MAX_VALUE, (a, b) -> 0);
    }

    /** At most {@code capacity} rows: past it, the first in {@code age} order go. */
    public RowList(int capacity, Comparator<? super R> age) {
        this.capacity = capacity;
        this.age = age;
    }

    /**
     * Replaces rows with the same key and appends new ones, all in one change. A large batch becomes one whole-list
     * replacement: listeners such as a {@code SortedList} then re-sort once, instead of handling thousands of
     * single-row replacements (measured: 330 ms versus a few ms for 5,000 of 10,000 rows).
     */
    public void upsertAll(Collection<? extends R> batch) {
        if (batch.isEmpty()) {
            return;
        }
        replacedQuietly.clear();
        added = 0;
        batchListeners.forEach(BatchListener::beforeBatch);
        try {
            apply(batch);
        } finally {
            BitSet positions = new BitSet();
            replacedQuietly.forEach(key -> {
                Integer at = indexByKey.get(key);
                if (at != null) { // it may have been dropped since
                    positions.set(at);
                }
            });
            batchListeners.forEach(l -> l.afterBatch(added, positions));
            revision.set(revision.get() + 1);
        }
    }

    public void addBatchListener(BatchListener listener) {
        batchListeners.add(listener);
    }

    /** Whether rows replaced in place fire list changes (false) or only reach the batch listeners (true). */
    public void setQuietUpdates(boolean quiet) {
        this.quietUpdates = quiet;
    }

    /** Counts batches and whole-list changes: observe it to follow every change, quiet ones included. */
    public ReadOnlyLongProperty revision() {
        return revision.getReadOnlyProperty();
    }

    private void apply(Collection<? extends R> batch) {
        if (batch.size() > BULK_THRESHOLD && !quietUpdates) {
            List<R> next = new ArrayList<>(rows);
            Map<String, Integer> at = new HashMap<>(indexByKey);
            for (R row : batch) {
                Integer i = at.get(row.key());
                if (i != null) {
                    next.set(i, row);
                } else {
                    at.put(row.key(), next.size());
                    next.add(row);
                    added++;
                }
            }
            if (next.size() > capacity) {
                Set<R> oldest = Collections.newSetFromMap(new IdentityHashMap<>());
                next.stream().sorted(age).limit(next.size() - capacity).forEach(oldest::add);
                next.removeIf(oldest::contains);
            }
            setAll(next);
            return;
        }
        beginChange();
        try {
            for (R row : batch) {
                Integer at = indexByKey.get(row.key());
                if (at != null && quietUpdates) {
                    rows.set(at, row); // the same key at the same place: nothing structural to announce
                    replacedQuietly.add(row.key());
                } else if (at != null) {
                    set(at, row);
                } else {
                    add(row);
                    added++;
                }
            }
            if (rows.size() > capacity) {
                dropOldest(rows.size() - capacity);
            }
        } finally {
            endChange();
        }
    }

    /** Removes the {@code n} oldest rows, wherever they are, in the change under way. */
    private void dropOldest(int n) {
        Set<String> keys = new HashSet<>();
        rows.stream().sorted(age).limit(n).forEach(r -> keys.add(r.key()));
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (keys.contains(rows.get(i).key())) {
                R gone = rows.remove(i);
                indexByKey.remove(gone.key());
                nextRemove(i, gone);
            }
        }
        reindex();
    }

    @Override
    public boolean setAll(Collection<? extends R> all) {
        beginChange();
        try {
            List<R> old = new ArrayList<>(rows);
            rows.clear();
            rows.addAll(all);
            reindex();
            nextReplace(0, rows.size(), old);
        } finally {
            endChange();
        }
        revision.set(revision.get() + 1);
        return true;
    }

    /** Adds rows whose key is not present yet; existing (newer) rows are kept. */
    public void addAbsent(Collection<? extends R> batch) {
        upsertAll(batch.stream().filter(r -> !indexByKey.containsKey(r.key())).toList());
    }

    public boolean containsKey(String key) {
        return indexByKey.containsKey(key);
    }

    /** The row's position, or -1. */
    public int indexOfKey(String key) {
        Integer at = indexByKey.get(key);
        return at == null ? -1 : at;
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
