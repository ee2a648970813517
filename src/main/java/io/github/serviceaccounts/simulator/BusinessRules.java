package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.github.serviceaccounts.simulator.TableSchema.SYS_GROUP_HAS_ROLE;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_GRMEMBER;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_GROUP;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_HAS_ROLE;
import static io.github.serviceaccounts.simulator.TableSchema.SYS_USER_ROLE;

/**
 * What the instance does around a write: computed fields, the user-name uniqueness check,
 * role inheritance through group membership and the admin-group protection. Runs under
 * the store's lock.
 */
final class BusinessRules {

	/**
	 * @param system seeding runs as the instance itself and skips the privilege checks
	 * @param warnings lines for the request log about what a real instance would do
	 * silently
	 */
	record WriteContext(String caller, boolean system, boolean inputDisplayValue, String now, List<String> warnings) {
	}

	private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");

	private static final List<String> PRIVILEGED_ROLES = List.of("admin", "security_admin");

	/**
	 * A user_password write: whether the user can now log in with it, and if so its hash.
	 */
	private record PasswordWrite(boolean works, String hash) {
	}

	private BusinessRules() {
	}

	static Map<String, String> insert(Tables tables, TableSchema.Table table, Map<String, String> input,
			WriteContext context) {
		Map<String, String> record = table.emptyRecord();
		PasswordWrite password = applyInput(tables, table, record, input, context);
		String sysId = chooseSysId(tables, table, input.get("sys_id"));
		validate(tables, table, record, sysId, null, "insert", context);
		record.put("sys_id", sysId);
		record.put("sys_created_on", context.now());
		record.put("sys_created_by", context.caller());
		record.put("sys_updated_on", context.now());
		record.put("sys_updated_by", context.caller());
		record.put("sys_mod_count", "0");
		tables.put(table.name(), record);
		propagate(tables, table, null, record, context);
		if (password != null) {
			tables.passwordWritten(sysId, password.works(), password.hash());
		}
		tables.countInsert(table.name());
		return record;
	}

	/** PUT and PATCH both update only the fields sent, as on an instance. */
	static Map<String, String> update(Tables tables, TableSchema.Table table, String sysId, Map<String, String> input,
			WriteContext context) {
		Map<String, String> old = tables.get(table.name(), sysId).orElseThrow(ServiceNowError::noRecord);
		Map<String, String> record = new LinkedHashMap<>(old);
		PasswordWrite password = applyInput(tables, table, record, input, context);
		validate(tables, table, record, sysId, old, "update", context);
		record.put("sys_updated_on", context.now());
		record.put("sys_updated_by", context.caller());
		record.put("sys_mod_count", Integer.toString(Integer.parseInt(old.get("sys_mod_count")) + 1));
		tables.put(table.name(), record);
		propagate(tables, table, old, record, context);
		if (password != null) {
			tables.passwordWritten(sysId, password.works(), password.hash());
		}
		return record;
	}

	static void delete(Tables tables, TableSchema.Table table, String sysId, WriteContext context) {
		Map<String, String> record = tables.get(table.name(), sysId).orElseThrow(ServiceNowError::noRecord);
		switch (table.name()) {
			case SYS_USER -> {
				// Cascades like the instance's reference rules: memberships and roles go,
				// manager fields are cleared.
				removeWhere(tables, SYS_USER_GRMEMBER, "user", sysId);
				removeWhere(tables, SYS_USER_HAS_ROLE, "user", sysId);
				for (String referencing : List.of(SYS_USER, SYS_USER_GROUP)) {
					tables.all(referencing)
						.stream()
						.filter(row -> sysId.equals(row.get("manager")))
						.forEach(row -> row.put("manager", ""));
				}
				tables.forgetPassword(sysId);
			}
			case SYS_USER_GROUP -> {
				for (Map<String, String> membership : rows(tables, SYS_USER_GRMEMBER, "group", sysId)) {
					delete(tables, TableSchema.table(SYS_USER_GRMEMBER).orElseThrow(), membership.get("sys_id"),
							context);
				}
				removeWhere(tables, SYS_GROUP_HAS_ROLE, "group", sysId);
			}
			case SYS_USER_ROLE -> {
				removeWhere(tables, SYS_GROUP_HAS_ROLE, "role", sysId);
				removeWhere(tables, SYS_USER_HAS_ROLE, "role", sysId);
			}
			case SYS_USER_GRMEMBER -> roleIdsOfGroup(tables, record.get("group"))
				.forEach(roleId -> revoke(tables, record.get("user"), roleId, context));
			case SYS_GROUP_HAS_ROLE -> rows(tables, SYS_USER_GRMEMBER, "group", record.get("group"))
				.forEach(membership -> revoke(tables, membership.get("user"), record.get("role"), context));
			default -> {
			}
		}
		tables.remove(table.name(), sysId);
	}

	/**
	 * Applies the fields sent; answers whether a password write took effect, or null when
	 * none was sent. A password that works is kept as a salted hash only (a few
	 * milliseconds, once per hand-over), never in the record.
	 */
	private static PasswordWrite applyInput(Tables tables, TableSchema.Table table, Map<String, String> record,
			Map<String, String> input, WriteContext context) {
		PasswordWrite password = null;
		for (Map.Entry<String, String> entry : input.entrySet()) {
			String value = entry.getValue() == null ? "" : entry.getValue();
			Optional<TableSchema.Field> found = table.field(entry.getKey());
			if (found.isEmpty()) {
				context.warnings()
					.add("request body names unknown field '" + entry.getKey() + "' of " + table.name()
							+ "; a real instance silently ignores it");
				continue;
			}
			TableSchema.Field field = found.get();
			if (field.isSystem() || isCalculated(table, field)) {
				continue;
			}
			switch (field.type()) {
				case PASSWORD -> {
					boolean works = context.inputDisplayValue() && !value.isEmpty();
					password = new PasswordWrite(works, works ? PasswordHash.of(value) : null);
					if (!context.inputDisplayValue()) {
						context.warnings()
							.add("user_password written without sysparm_input_display_value=true:"
									+ " a real instance answers 200 but the password does not work");
					}
				}
				case BOOLEAN ->
					record.put(field.name(), "true".equalsIgnoreCase(value) || "1".equals(value) ? "true" : "false");
				case INTEGER -> record.put(field.name(), value.matches("-?\\d+") ? value : "0");
				case REFERENCE -> record.put(field.name(), resolveReference(tables, table, field, value, context));
				default -> record.put(field.name(), value);
			}
		}
		return password;
	}

	private static boolean isCalculated(TableSchema.Table table, TableSchema.Field field) {
		return switch (table.name()) {
			case SYS_USER -> field.name().equals("name");
			case SYS_USER_HAS_ROLE -> field.name().equals("inherited") || field.name().equals("inh_count");
			default -> false;
		};
	}

	/**
	 * An instance accepts a sys_id or a display value for a reference and stores whatever
	 * it cannot resolve.
	 */
	private static String resolveReference(Tables tables, TableSchema.Table table, TableSchema.Field field,
			String value, WriteContext context) {
		if (value.isEmpty() || tables.get(field.referenceTable(), value).isPresent()) {
			return value;
		}
		String displayField = TableSchema.table(field.referenceTable()).orElseThrow().displayField();
		List<Map<String, String>> byDisplayValue = displayField == null ? List.of()
				: tables.where(field.referenceTable(), displayField, value);
		if (byDisplayValue.size() == 1) {
			return byDisplayValue.get(0).get("sys_id");
		}
		context.warnings()
			.add(table.name() + "." + field.name() + " = '" + value + "' matches no " + field.referenceTable()
					+ " record; a real instance stores the broken reference as given");
		return value;
	}

	private static String chooseSysId(Tables tables, TableSchema.Table table, String requested) {
		// Instances accept a caller-chosen sys_id on insert; the seed uses that for
		// stable ids.
		if (requested != null && SYS_ID.matcher(requested).matches() && tables.get(table.name(), requested).isEmpty()) {
			return requested;
		}
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static void validate(Tables tables, TableSchema.Table table, Map<String, String> record, String sysId,
			Map<String, String> old, String operation, WriteContext context) {
		switch (table.name()) {
			case SYS_USER -> {
				String userName = record.get("user_name");
				if (userName.length() > TableSchema.USER_NAME_MAX_LENGTH) {
					userName = userName.substring(0, TableSchema.USER_NAME_MAX_LENGTH);
					context.warnings()
						.add("user_name longer than " + TableSchema.USER_NAME_MAX_LENGTH
								+ " characters silently truncated to '" + userName + "', as a real instance does");
					record.put("user_name", userName);
				}
				record.put("name", (record.get("first_name") + " " + record.get("last_name")).trim());
				// Choosing Machine makes the account non-interactive, as on an instance.
				if (table.field(TableSchema.IDENTITY_TYPE).isPresent()
						&& "machine".equals(record.get(TableSchema.IDENTITY_TYPE))
						&& (old == null || !"machine".equals(old.get(TableSchema.IDENTITY_TYPE)))) {
					record.put("web_service_access_only", "true");
				}
				for (Map<String, String> other : userName.isEmpty() ? List.<Map<String, String>>of()
						: tables.where(SYS_USER, "user_name", userName)) {
					if (!other.get("sys_id").equals(sysId)) {
						context.warnings()
							.add("user_name '" + userName + "' is already taken by sys_user " + other.get("sys_id"));
						throw ServiceNowError.operationFailed(operation, SYS_USER, userName);
					}
				}
			}
			case SYS_USER_GRMEMBER -> {
				if (old == null || !Objects.equals(old.get("group"), record.get("group"))) {
					String groupName = tables.get(SYS_USER_GROUP, record.get("group"))
						.map(group -> group.get("name"))
						.orElse(record.get("group"));
					requirePrivileges(tables, roleNames(tables, roleIdsOfGroup(tables, record.get("group"))),
							"add members to group '" + groupName + "'", operation, SYS_USER_GRMEMBER, groupName,
							context);
				}
			}
			case SYS_GROUP_HAS_ROLE, SYS_USER_HAS_ROLE -> {
				if (old == null || !Objects.equals(old.get("role"), record.get("role"))) {
					Set<String> roles = roleNames(tables, List.of(record.get("role")));
					requirePrivileges(tables, roles, "grant role " + roles, operation, table.name(),
							String.join(",", roles), context);
				}
				if (table.name().equals(SYS_USER_HAS_ROLE) && old == null) {
					// Rows written through the API are direct grants; inherited ones come
					// from group membership.
					record.put("inherited", "false");
					record.put("inh_count", "0");
				}
			}
			default -> {
			}
		}
	}

	private static void requirePrivileges(Tables tables, Set<String> rolesInvolved, String action, String operation,
			String table, String what, WriteContext context) {
		if (context.system()) {
			return;
		}
		List<String> callerRoleIds = tables.where(SYS_USER, "user_name", context.caller())
			.stream()
			.flatMap(user -> rows(tables, SYS_USER_HAS_ROLE, "user", user.get("sys_id")).stream())
			.map(grant -> grant.get("role"))
			.toList();
		Set<String> callerRoles = roleNames(tables, callerRoleIds);
		for (String privileged : PRIVILEGED_ROLES) {
			if (rolesInvolved.contains(privileged) && !callerRoles.contains(privileged)) {
				context.warnings()
					.add("only a user holding role " + privileged + " may " + action + "; " + context.caller()
							+ " holds " + callerRoles);
				throw ServiceNowError.operationFailed(operation, table, what);
			}
		}
	}

	/** Keeps inherited role rows in step with membership and group-role changes. */
	private static void propagate(Tables tables, TableSchema.Table table, Map<String, String> old,
			Map<String, String> record, WriteContext context) {
		switch (table.name()) {
			case SYS_USER_GRMEMBER -> {
				if (old != null && Objects.equals(old.get("user"), record.get("user"))
						&& Objects.equals(old.get("group"), record.get("group"))) {
					return;
				}
				if (old != null) {
					roleIdsOfGroup(tables, old.get("group"))
						.forEach(roleId -> revoke(tables, old.get("user"), roleId, context));
				}
				roleIdsOfGroup(tables, record.get("group"))
					.forEach(roleId -> grant(tables, record.get("user"), roleId, context));
			}
			case SYS_GROUP_HAS_ROLE -> {
				if (old != null && Objects.equals(old.get("group"), record.get("group"))
						&& Objects.equals(old.get("role"), record.get("role"))) {
					return;
				}
				if (old != null) {
					rows(tables, SYS_USER_GRMEMBER, "group", old.get("group"))
						.forEach(membership -> revoke(tables, membership.get("user"), old.get("role"), context));
				}
				rows(tables, SYS_USER_GRMEMBER, "group", record.get("group"))
					.forEach(membership -> grant(tables, membership.get("user"), record.get("role"), context));
			}
			default -> {
			}
		}
	}

	/**
	 * One inherited row per user and role; inh_count counts the memberships granting it,
	 * duplicates included.
	 */
	private static void grant(Tables tables, String userId, String roleId, WriteContext context) {
		if (userId.isEmpty() || roleId.isEmpty()) {
			return;
		}
		Optional<Map<String, String>> inherited = inheritedRow(tables, userId, roleId);
		if (inherited.isPresent()) {
			Map<String, String> row = inherited.get();
			row.put("inh_count", Integer.toString(Integer.parseInt(row.get("inh_count")) + 1));
			touch(row, context);
			return;
		}
		Map<String, String> row = TableSchema.table(SYS_USER_HAS_ROLE).orElseThrow().emptyRecord();
		row.put("user", userId);
		row.put("role", roleId);
		row.put("inherited", "true");
		row.put("inh_count", "1");
		row.put("sys_id", SeedData.stableId(SYS_USER_HAS_ROLE, "inherited:" + userId + ":" + roleId));
		row.put("sys_created_on", context.now());
		row.put("sys_created_by", context.caller());
		row.put("sys_updated_on", context.now());
		row.put("sys_updated_by", context.caller());
		tables.put(SYS_USER_HAS_ROLE, row);
	}

	private static void revoke(Tables tables, String userId, String roleId, WriteContext context) {
		inheritedRow(tables, userId, roleId).ifPresent(row -> {
			int count = Integer.parseInt(row.get("inh_count")) - 1;
			if (count <= 0) {
				tables.remove(SYS_USER_HAS_ROLE, row.get("sys_id"));
			}
			else {
				row.put("inh_count", Integer.toString(count));
				touch(row, context);
			}
		});
	}

	private static Optional<Map<String, String>> inheritedRow(Tables tables, String userId, String roleId) {
		return tables.where(SYS_USER_HAS_ROLE, "user", userId)
			.stream()
			.filter(row -> userId.equals(row.get("user")) && roleId.equals(row.get("role"))
					&& "true".equals(row.get("inherited")))
			.findFirst();
	}

	private static void touch(Map<String, String> row, WriteContext context) {
		row.put("sys_updated_on", context.now());
		row.put("sys_updated_by", context.caller());
		row.put("sys_mod_count", Integer.toString(Integer.parseInt(row.get("sys_mod_count")) + 1));
	}

	private static List<String> roleIdsOfGroup(Tables tables, String groupId) {
		return rows(tables, SYS_GROUP_HAS_ROLE, "group", groupId).stream().map(row -> row.get("role")).toList();
	}

	private static Set<String> roleNames(Tables tables, List<String> roleIds) {
		Set<String> names = new HashSet<>();
		roleIds.forEach(id -> tables.get(SYS_USER_ROLE, id).ifPresent(role -> names.add(role.get("name"))));
		return names;
	}

	/** Exact sys_id matches; a copy so callers may change the table while iterating. */
	private static List<Map<String, String>> rows(Tables tables, String table, String field, String value) {
		List<Map<String, String>> rows = new ArrayList<>();
		if (value == null || value.isEmpty()) {
			return rows;
		}
		// where() compares ignoring case (and uses an index where there is one); these
		// rules compare exactly.
		for (Map<String, String> row : tables.where(table, field, value)) {
			if (value.equals(row.get(field))) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static void removeWhere(Tables tables, String table, String field, String value) {
		rows(tables, table, field, value).forEach(row -> tables.remove(table, row.get("sys_id")));
	}

}
