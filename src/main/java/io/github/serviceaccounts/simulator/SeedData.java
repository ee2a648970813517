package io.github.serviceaccounts.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.serviceaccounts.simulator.TableSchema.INCIDENT;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_GROUP_HAS_ROLE;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_GRMEMBER;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_GROUP;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_HAS_ROLE;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_ROLE;

/**
 * The people, groups, roles and a few incidents of the demo instance. Sys_ids derive from
 * table and name, so logs, state files and tests show the same ids on every start.
 */
final class SeedData {

	static final String SERVICE_ACCOUNTS_GROUP = "ServiceNow Service Accounts";
	static final String CMDB_READ_GROUP = "CMDB Read Access";
	static final String ADMINISTRATORS_GROUP = "ServiceNow Administrators";

	/** Fixed so that seeded records look the same on every start. */
	private static final String SEED_TIME = "2025-01-01 00:00:00";

	private SeedData() {
	}

	/**
	 * 32 lower-case hex characters, like a real sys_id, stable for the same table and
	 * key.
	 */
	static String stableId(String table, String key) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5")
				.digest((table + ":" + key).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("MD5 is part of every Java runtime", e);
		}
	}

	static Tables build(String integrationUserName) {
		Tables tables = new Tables();
		BusinessRules.WriteContext system = new BusinessRules.WriteContext("system", true, true, SEED_TIME,
				new ArrayList<>());

		for (String role : new String[] { "itil", "rest_api_explorer", "cmdb_read", "admin", "security_admin",
				"user_admin" }) {
			insert(tables, system, SYS_USER_ROLE, role, Map.of("name", role));
		}

		user(tables, system, "carol", "Carol", "Admin", null, true);
		user(tables, system, "bob", "Bob", "Manager", "carol", true);
		user(tables, system, "alice", "Alice", "Example", "bob", true);
		user(tables, system, "dave", "Dave", "Inactive", "bob", false);
		Map<String, String> integration = new LinkedHashMap<>();
		integration.put("user_name", integrationUserName);
		integration.put("first_name", "Camunda");
		integration.put("last_name", "Provisioning Integration");
		integration.put("email", integrationUserName + "@example.com");
		integration.put("web_service_access_only", "true");
		insert(tables, system, SYS_USER, integrationUserName, integration);
		// The integration account may create users and manage memberships, but is no
		// admin.
		insert(tables, system, SYS_USER_HAS_ROLE, integrationUserName + ":user_admin",
				Map.of("user", id(SYS_USER, integrationUserName), "role", id(SYS_USER_ROLE, "user_admin")));
		tables.passwordWorks().put(id(SYS_USER, integrationUserName), true);

		group(tables, system, SERVICE_ACCOUNTS_GROUP, "carol", "Technical accounts for integrations", "itil",
				"rest_api_explorer");
		group(tables, system, CMDB_READ_GROUP, "bob", "Read access to the CMDB", "cmdb_read");
		group(tables, system, ADMINISTRATORS_GROUP, "carol", "Instance administrators", "admin");
		insert(tables, system, SYS_USER_GRMEMBER, "carol:" + ADMINISTRATORS_GROUP,
				Map.of("user", id(SYS_USER, "carol"), "group", id(SYS_USER_GROUP, ADMINISTRATORS_GROUP)));

		incidents(tables, system);

		// Seeding is not something the product did.
		tables.successfulInserts().clear();
		return tables;
	}

	/**
	 * Something for a new service account to read while its owner works out their calls.
	 * Priority follows impact and urgency as on an out-of-the-box instance; resolved
	 * incidents stay active, closed ones do not.
	 */
	private static void incidents(Tables tables, BusinessRules.WriteContext system) {
		incident(tables, system, "INC0010001", "Email does not sync on mobile phones", "alice", "software", 2, 2, 3, 2,
				"2024-12-02 08:14:09");
		incident(tables, system, "INC0010002", "VPN connection drops every few minutes", "bob", "network", 2, 1, 2, 1,
				"2024-12-03 09:30:44");
		incident(tables, system, "INC0010003", "Printer on floor 3 is out of toner", "alice", "hardware", 3, 3, 5, 6,
				"2024-12-04 11:02:51");
		incident(tables, system, "INC0010004", "Nightly CMDB database backup failed", "carol", "database", 1, 1, 1, 3,
				"2024-12-05 02:17:33");
		incident(tables, system, "INC0010005", "Jira sync stopped creating incidents", "bob", "inquiry", 3, 2, 4, 7,
				"2024-12-06 14:45:00");
		incident(tables, system, "INC0010006", "Laptop keyboard has sticky keys", "alice", "hardware", 3, 3, 5, 1,
				"2024-12-09 10:05:12");
	}

	private static void incident(Tables tables, BusinessRules.WriteContext system, String number,
			String shortDescription, String caller, String category, int impact, int urgency, int priority, int state,
			String openedAt) {
		Map<String, String> incident = new LinkedHashMap<>();
		incident.put("number", number);
		incident.put("short_description", shortDescription);
		incident.put("description", shortDescription + ". Reported by " + caller + ".");
		incident.put("caller_id", id(SYS_USER, caller));
		incident.put("category", category);
		incident.put("impact", Integer.toString(impact));
		incident.put("urgency", Integer.toString(urgency));
		incident.put("priority", Integer.toString(priority));
		incident.put("state", Integer.toString(state));
		incident.put("active", Boolean.toString(state != 7 && state != 8));
		incident.put("opened_at", openedAt);
		insert(tables, system, INCIDENT, number, incident);
	}

	static String id(String table, String name) {
		return stableId(table, name);
	}

	private static void user(Tables tables, BusinessRules.WriteContext system, String userName, String firstName,
			String lastName, String manager, boolean active) {
		Map<String, String> user = new LinkedHashMap<>();
		user.put("user_name", userName);
		user.put("first_name", firstName);
		user.put("last_name", lastName);
		user.put("email", userName + "@example.com");
		user.put("manager", manager == null ? "" : id(SYS_USER, manager));
		user.put("active", Boolean.toString(active));
		insert(tables, system, SYS_USER, userName, user);
	}

	private static void group(Tables tables, BusinessRules.WriteContext system, String name, String manager,
			String description, String... roles) {
		insert(tables, system, SYS_USER_GROUP, name,
				Map.of("name", name, "manager", id(SYS_USER, manager), "description", description));
		for (String role : roles) {
			insert(tables, system, SYS_GROUP_HAS_ROLE, name + ":" + role,
					Map.of("group", id(SYS_USER_GROUP, name), "role", id(SYS_USER_ROLE, role)));
		}
	}

	private static void insert(Tables tables, BusinessRules.WriteContext system, String table, String key,
			Map<String, String> fields) {
		Map<String, String> input = new LinkedHashMap<>(fields);
		input.put("sys_id", id(table, key));
		BusinessRules.insert(tables, TableSchema.table(table).orElseThrow(), input, system);
	}

}
