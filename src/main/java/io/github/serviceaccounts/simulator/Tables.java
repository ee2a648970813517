package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated instance's data: rows per table in insertion order, insert counters,
 * whether each user's last password write took effect and a hash of that password. Not
 * thread-safe: {@link SimulatorStore} guards it.
 * <p>
 * The fields that every provisioned account is looked up by are indexed, as on an
 * instance, so that a look-up costs the same after ten thousand accounts as after ten. A
 * row's indexed field must not be changed in place: {@link #put} the row again.
 */
final class Tables {

	static final Map<String, List<String>> INDEXED_FIELDS = Map.of(TableSchema.SYS_USER, List.of("user_name"),
			TableSchema.SYS_USER_GROUP, List.of("name"), TableSchema.SYS_USER_GRMEMBER, List.of("user", "group"),
			TableSchema.SYS_USER_HAS_ROLE, List.of("user"), TableSchema.SYS_GROUP_HAS_ROLE, List.of("group"));

	private final Map<String, LinkedHashMap<String, Map<String, String>>> rows = new LinkedHashMap<>();

	/**
	 * table, field, value folded as {@link String#equalsIgnoreCase} compares it: the
	 * sys_ids of the rows.
	 */
	private final Map<String, Map<String, Map<String, Set<String>>>> indexes = new HashMap<>();

	/**
	 * table, sys_id: when the row was first put, to give indexed look-ups the table's
	 * insertion order.
	 */
	private final Map<String, Map<String, Long>> insertedAt = new HashMap<>();

	private long insertions;

	private final Map<String, Integer> successfulInserts = new TreeMap<>();

	/**
	 * Keyed by sys_user sys_id. Holds no password, only whether the last write would let
	 * the user log in.
	 */
	private final Map<String, Boolean> passwordWorks = new TreeMap<>();

	/**
	 * Keyed by sys_user sys_id: a {@link PasswordHash} of the password last written so
	 * that it works, for logins as that user. Never rendered: records do not hold it.
	 */
	private final Map<String, String> passwordHashes = new TreeMap<>();

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

	/**
	 * Rows whose field equals the value, compared case-insensitively like queries on an
	 * instance.
	 */
	List<Map<String, String>> where(String table, String field, String value) {
		return where(table, field, List.of(value));
	}

	/** Rows whose field equals any of the values, in the table's insertion order. */
	List<Map<String, String>> where(String table, String field, List<String> values) {
		Map<String, Set<String>> index = indexes.getOrDefault(table, Map.of()).get(field);
		Collection<Map<String, String>> candidates = rows(table).values();
		if (index != null) {
			Map<String, Long> order = insertedAt.get(table);
			candidates = values.stream()
				.flatMap(value -> index.getOrDefault(fold(value), Set.of()).stream())
				.distinct()
				.sorted(Comparator.comparing(order::get))
				.map(rows(table)::get)
				.toList();
		}
		List<Map<String, String>> matches = new ArrayList<>();
		for (Map<String, String> row : candidates) {
			String actual = row.getOrDefault(field, "");
			if (values.stream().anyMatch(actual::equalsIgnoreCase)) {
				matches.add(row);
			}
		}
		return matches;
	}

	void put(String table, Map<String, String> row) {
		String sysId = row.get("sys_id");
		Map<String, String> old = rows(table).put(sysId, row);
		if (old == null) {
			insertedAt.computeIfAbsent(table, name -> new HashMap<>()).put(sysId, ++insertions);
		}
		for (String field : INDEXED_FIELDS.getOrDefault(table, List.of())) {
			if (old != null) {
				unindex(table, field, old, sysId);
			}
			index(table, field).computeIfAbsent(fold(row.getOrDefault(field, "")), key -> new LinkedHashSet<>())
				.add(sysId);
		}
	}

	void remove(String table, String sysId) {
		Map<String, String> old = rows(table).remove(sysId);
		if (old == null) {
			return;
		}
		insertedAt.get(table).remove(sysId);
		for (String field : INDEXED_FIELDS.getOrDefault(table, List.of())) {
			unindex(table, field, old, sysId);
		}
	}

	private Map<String, Set<String>> index(String table, String field) {
		return indexes.computeIfAbsent(table, name -> new HashMap<>()).computeIfAbsent(field, name -> new HashMap<>());
	}

	private void unindex(String table, String field, Map<String, String> row, String sysId) {
		Map<String, Set<String>> index = index(table, field);
		String key = fold(row.getOrDefault(field, ""));
		Set<String> ids = index.get(key);
		if (ids != null && ids.remove(sysId) && ids.isEmpty()) {
			index.remove(key);
		}
	}

	/**
	 * Equal for two values exactly when {@link String#equalsIgnoreCase} says they are.
	 */
	static String fold(String value) {
		StringBuilder folded = new StringBuilder(value.length());
		value.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
		return folded.toString();
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

	Map<String, String> passwordHashes() {
		return passwordHashes;
	}

	/**
	 * After a password write: whether it works, and the hash to check logins against
	 * (null when it does not work, which also ends the previous password).
	 */
	void passwordWritten(String userSysId, boolean works, String hash) {
		passwordWorks.put(userSysId, works);
		if (works && hash != null) {
			passwordHashes.put(userSysId, hash);
		}
		else {
			passwordHashes.remove(userSysId);
		}
	}

	void forgetPassword(String userSysId) {
		passwordWorks.remove(userSysId);
		passwordHashes.remove(userSysId);
	}

	Map<String, LinkedHashMap<String, Map<String, String>>> rows() {
		return rows;
	}

	void replaceWith(Tables other) {
		rows.clear();
		indexes.clear();
		insertedAt.clear();
		other.rows.forEach((table, tableRows) -> {
			rows.put(table, new LinkedHashMap<>());
			tableRows.values().forEach(row -> put(table, row));
		});
		successfulInserts.clear();
		successfulInserts.putAll(other.successfulInserts);
		passwordWorks.clear();
		passwordWorks.putAll(other.passwordWorks);
		passwordHashes.clear();
		passwordHashes.putAll(other.passwordHashes);
	}

	private LinkedHashMap<String, Map<String, String>> rows(String table) {
		LinkedHashMap<String, Map<String, String>> tableRows = rows.get(table);
		if (tableRows == null) {
			throw new IllegalArgumentException("Unknown table " + table + "; the simulator knows " + rows.keySet());
		}
		return tableRows;
	}

}
