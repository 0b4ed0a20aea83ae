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

    /** A registry that offers the host's {@code threads} table, as libsinsp always does. */
    public TableRegistry() {
        tables.put(ThreadsTable.NAME, ThreadsTable.create());
    }

    /** Adds a table; false when one of that name exists already. */
    synchronized boolean add(StateTable table) {
        return tables.putIfAbsent(table.name(), table) == null;
    }

    /** Removes the tables a plugin registered, when it is destroyed: nobody may call them after. */
    synchronized void removeOwnedBy(String plugin) {
        tables.values().removeIf(t -> t instanceof PluginTable p && p.owner().equals(plugin) && p.retire());
    }

    /** The table of that name, if any. */
    public synchronized Optional<StateTable> find(String name) {
        return Optional.ofNullable(tables.get(name));
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
