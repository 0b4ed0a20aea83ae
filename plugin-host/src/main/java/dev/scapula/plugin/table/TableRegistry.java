package dev.scapula.plugin.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every state table of one set of plugins that run together, as libsinsp keeps them for one
 * inspector: the host's {@code threads} table and the tables the plugins register. Plugins
 * initialised with the same registry see each other's tables; give each independent run (each
 * verify instance, each side of a diff) its own.
 */
public final class TableRegistry {
    private final Map<String, StateTable> tables = new LinkedHashMap<>();
    private final TableDispatch dispatch = new TableDispatch();
    /**
     * Tables added or removed so far, counted under the lock and read without it: verify lists
     * the tables after every event, and they seldom change.
     */
    private volatile long changes;

    /** A registry that offers the host's {@code threads} table, as libsinsp always does. */
    public TableRegistry() {
        tables.put(ThreadsTable.NAME, ThreadsTable.create());
    }

    /** Adds a table; false when one of that name exists already. */
    synchronized boolean add(StateTable table) {
        boolean added = tables.putIfAbsent(table.name(), table) == null;
        changes += added ? 1 : 0;
        return added;
    }

    /** Removes the tables a plugin registered, when it is destroyed: nobody may call them after. */
    synchronized void removeOwnedBy(String plugin) {
        if (tables.values().removeIf(t -> t instanceof PluginTable p && p.owner().equals(plugin) && p.retire())) {
            changes++;
        }
    }

    /** The table of that name, if any. */
    public synchronized Optional<StateTable> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** How many times a table was added or removed: {@link #tables()} is the same while this is. */
    public long changes() {
        return changes;
    }

    /** Every table, host tables first, then in registration order. */
    public synchronized List<StateTable> tables() {
        return new ArrayList<>(tables.values());
    }

    /** The vtables through which plugins reach this registry's tables. */
    public TableDispatch dispatch() {
        return dispatch;
    }
}
