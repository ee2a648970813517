package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated instance's data: rows per table in insertion order, insert counters and whether each
 * user's last password write took effect. Not thread-safe: {@link SimulatorStore} guards it.
 */
final class Tables {

	private final Map<String, LinkedHashMap<String, Map<String, String>>> rows = new LinkedHashMap<>();
	private final Map<String, Integer> successfulInserts = new TreeMap<>();
	/** Keyed by sys_user sys_id. Holds no password, only whether the last write would let the user log in. */
	private final Map<String, Boolean> passwordWorks = new TreeMap<>();

	Tables() {
		TableSchema.tableNames().forEach(name -> rows.put(name, new LinkedHashMap<>()));
	}

	Optional<Map<String, String>> get(String table, String sysId) {
		if (sysId == null || sysId.isEmpty()) {
			return Optional.empty();
		}
		return Optional.ofNullable(rows(table).get(sysId));
	}

	Collection<Map<String, String>> all(String table) {
		return rows(table).values();
	}

	/** Rows whose field equals the value, compared case-insensitively like queries on an instance. */
	List<Map<String, String>> where(String table, String field, String value) {
		List<Map<String, String>> matches = new ArrayList<>();
		for (Map<String, String> row : rows(table).values()) {
			if (value.equalsIgnoreCase(row.getOrDefault(field, ""))) {
				matches.add(row);
			}
		}
		return matches;
	}

	void put(String table, Map<String, String> row) {
		rows(table).put(row.get("sys_id"), row);
	}

	void remove(String table, String sysId) {
		rows(table).remove(sysId);
	}

	void countInsert(String table) {
		successfulInserts.merge(table, 1, Integer::sum);
	}

	int successfulInserts(String table) {
		return successfulInserts.getOrDefault(table, 0);
	}

	Map<String, Integer> successfulInserts() {
		return successfulInserts;
	}

	Map<String, Boolean> passwordWorks() {
		return passwordWorks;
	}

	Map<String, LinkedHashMap<String, Map<String, String>>> rows() {
		return rows;
	}

	void replaceWith(Tables other) {
		rows.clear();
		other.rows.forEach((table, tableRows) -> rows.put(table, new LinkedHashMap<>(tableRows)));
		successfulInserts.clear();
		successfulInserts.putAll(other.successfulInserts);
		passwordWorks.clear();
		passwordWorks.putAll(other.passwordWorks);
	}

	private LinkedHashMap<String, Map<String, String>> rows(String table) {
		LinkedHashMap<String, Map<String, String>> tableRows = rows.get(table);
		if (tableRows == null) {
			throw new IllegalArgumentException("Unknown table " + table + "; the simulator knows " + rows.keySet());
		}
		return tableRows;
	}
}
