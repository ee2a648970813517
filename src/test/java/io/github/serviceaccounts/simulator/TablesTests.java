package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed look-ups answer exactly what a scan of the table answers, in the table's
 * order.
 */
class TablesTests {

	private final Tables tables = new Tables();

	@Test
	void indexedLookUpFollowsInsertsUpdatesAndRemovesIgnoringCase() {
		tables.put("sys_user", user("a1", "svc_one"));
		tables.put("sys_user", user("a2", "SVC_Two"));
		tables.put("sys_user", user("a3", "svc_three"));

		assertThat(ids(tables.where("sys_user", "user_name", "svc_two"))).containsExactly("a2");

		tables.put("sys_user", user("a2", "svc_renamed"));
		assertThat(tables.where("sys_user", "user_name", "svc_two")).isEmpty();
		assertThat(ids(tables.where("sys_user", "user_name", "SVC_RENAMED"))).containsExactly("a2");

		tables.remove("sys_user", "a2");
		assertThat(tables.where("sys_user", "user_name", "svc_renamed")).isEmpty();
		assertThat(ids(tables.where("sys_user", "user_name", "svc_one"))).containsExactly("a1");
	}

	@Test
	void severalMatchesComeInTheTablesInsertionOrderLikeAScan() {
		tables.put("sys_user_grmember", membership("m1", "u1", "g1"));
		tables.put("sys_user_grmember", membership("m2", "u2", "g1"));
		tables.put("sys_user_grmember", membership("m3", "u1", "g2"));
		// m1 moves to another user and back: it keeps its place in the table, so also in
		// the answer.
		tables.put("sys_user_grmember", membership("m1", "u3", "g1"));
		tables.put("sys_user_grmember", membership("m1", "u1", "g1"));

		assertThat(ids(tables.where("sys_user_grmember", "user", "u1"))).containsExactly("m1", "m3")
			.containsExactlyElementsOf(ids(scan("sys_user_grmember", "user", "u1")));
		assertThat(ids(tables.where("sys_user_grmember", "group", "g1"))).containsExactly("m1", "m2");
	}

	@Test
	void anyOfSeveralValuesComesInInsertionOrderOnce() {
		tables.put("sys_user", user("a1", "svc_one"));
		tables.put("sys_user", user("a2", "alice"));
		tables.put("sys_user", user("a3", "svc_three"));

		assertThat(ids(tables.where("sys_user", "user_name", List.of("ALICE", "svc_one", "svc_one", "nobody"))))
			.containsExactly("a1", "a2");
		assertThat(tables.where("sys_user", "user_name", List.of("nobody"))).isEmpty();
	}

	@Test
	void aReplacedTableIsIndexedAgain() {
		Tables other = new Tables();
		other.put("sys_user", user("b1", "svc_seeded"));
		tables.put("sys_user", user("a1", "svc_gone"));

		tables.replaceWith(other);

		assertThat(tables.where("sys_user", "user_name", "svc_gone")).isEmpty();
		assertThat(ids(tables.where("sys_user", "user_name", "svc_seeded"))).containsExactly("b1");
	}

	@Test
	void foldingAgreesWithEqualsIgnoreCase() {
		List<String> values = List.of("svc_a", "SVC_A", "Straße", "STRASSE", "ǅ", "ǆ", "Ǆ", "İ", "i", "ı", "I", "K",
				"k", "\u212A", "σ", "ς", "Σ", "𐐀", "𐐨", "");
		for (String a : values) {
			for (String b : values) {
				assertThat(Tables.fold(a).equals(Tables.fold(b))).as("%s / %s", a, b).isEqualTo(a.equalsIgnoreCase(b));
			}
		}
	}

	private List<Map<String, String>> scan(String table, String field, String value) {
		List<Map<String, String>> matches = new ArrayList<>();
		for (Map<String, String> row : tables.all(table)) {
			if (value.equalsIgnoreCase(row.getOrDefault(field, ""))) {
				matches.add(row);
			}
		}
		return matches;
	}

	private static List<String> ids(List<Map<String, String>> rows) {
		return rows.stream().map(row -> row.get("sys_id")).toList();
	}

	private static Map<String, String> user(String sysId, String userName) {
		Map<String, String> row = new HashMap<>();
		row.put("sys_id", sysId);
		row.put("user_name", userName);
		return row;
	}

	private static Map<String, String> membership(String sysId, String user, String group) {
		Map<String, String> row = new HashMap<>();
		row.put("sys_id", sysId);
		row.put("user", user);
		row.put("group", group);
		return row;
	}

}
