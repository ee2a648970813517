package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few ServiceNow tables the provisioning journey touches (and {@code incident}, so
 * that a new service account has something to read), with the field types that decide how
 * values are normalised on write and rendered on read.
 */
final class TableSchema {

	enum Type {

		STRING, BOOLEAN, INTEGER, DATE_TIME, REFERENCE, PASSWORD

	}

	/**
	 * @param choices the labels of a choice field's values (e.g. incident state "1" is
	 * "New"), which {@code sysparm_display_value} shows; empty for other fields
	 */
	record Field(String name, Type type, String referenceTable, String defaultValue, Map<String, String> choices) {

		Field(String name, Type type, String referenceTable, String defaultValue) {
			this(name, type, referenceTable, defaultValue, Map.of());
		}

		/** The label of a choice value; the value itself for any other field. */
		String displayValue(String value) {
			return choices.getOrDefault(value, value);
		}

		boolean isReference() {
			return type == Type.REFERENCE;
		}

		/**
		 * System fields are maintained by the instance; writes to them are ignored like
		 * on a real instance.
		 */
		boolean isSystem() {
			return name.startsWith("sys_");
		}
	}

	/**
	 * @param identityTypeField whether this is the schema of a release with
	 * {@code sys_user.identity_type}; dot-walks from this table stay in the same release
	 */
	record Table(String name, Map<String, Field> fields, String displayField, boolean identityTypeField) {

		Optional<Field> field(String fieldName) {
			return Optional.ofNullable(fields.get(fieldName));
		}

		Map<String, String> emptyRecord() {
			Map<String, String> record = new LinkedHashMap<>();
			fields.values().forEach(field -> record.put(field.name(), field.defaultValue()));
			return record;
		}
	}

	static final String SYS_USER = "sys_user";
	static final String SYS_USER_GROUP = "sys_user_group";
	static final String SYS_USER_GRMEMBER = "sys_user_grmember";
	static final String SYS_USER_ROLE = "sys_user_role";
	static final String SYS_GROUP_HAS_ROLE = "sys_group_has_role";
	static final String SYS_USER_HAS_ROLE = "sys_user_has_role";
	static final String INCIDENT = "incident";

	/** Real instances silently truncate sys_user.user_name beyond this length. */
	static final int USER_NAME_MAX_LENGTH = 40;

	/** The field newer releases carry on sys_user; older ones have no such field. */
	static final String IDENTITY_TYPE = "identity_type";

	private static final Map<String, Table> TABLES = new LinkedHashMap<>();

	/** The same tables as an instance from before identity types has them. */
	private static final Map<String, Table> WITHOUT_IDENTITY_TYPE = new LinkedHashMap<>();

	static {
		define(SYS_USER, "name", string("user_name"), string("first_name"), string("last_name"), string("name"),
				string("email"), reference("manager", SYS_USER), bool("active", "true"), bool("locked_out", "false"),
				bool("password_needs_reset", "false"), bool("web_service_access_only", "false"),
				bool("internal_integration_user", "false"), new Field("user_password", Type.PASSWORD, null, ""),
				new Field("last_login_time", Type.DATE_TIME, null, ""),
				// Unsure which value an instance gives a new user; "human" is what the
				// form
				// shows for people, and
				// the product never relies on the default.
				new Field(IDENTITY_TYPE, Type.STRING, null, "human",
						choices("human", "Human", "machine", "Machine", "ai_agent", "AI Agent")));
		define(SYS_USER_GROUP, "name", string("name"), reference("manager", SYS_USER), bool("active", "true"),
				string("description"));
		define(SYS_USER_GRMEMBER, null, reference("user", SYS_USER), reference("group", SYS_USER_GROUP));
		define(SYS_USER_ROLE, "name", string("name"), string("description"));
		define(SYS_GROUP_HAS_ROLE, null, reference("group", SYS_USER_GROUP), reference("role", SYS_USER_ROLE));
		define(SYS_USER_HAS_ROLE, null, reference("user", SYS_USER), reference("role", SYS_USER_ROLE),
				bool("inherited", "false"), new Field("inh_count", Type.INTEGER, null, "0"));
		// A small part of the real table: what an owner reads to see that their calls
		// work. Choice values and labels as on an out-of-the-box instance.
		Map<String, String> impactOrUrgency = choices("1", "1 - High", "2", "2 - Medium", "3", "3 - Low");
		define(INCIDENT, "number", string("number"), string("short_description"), string("description"),
				reference("caller_id", SYS_USER),
				new Field("category", Type.STRING, null, "inquiry",
						choices("inquiry", "Inquiry / Help", "software", "Software", "hardware", "Hardware", "network",
								"Network", "database", "Database")),
				new Field("impact", Type.INTEGER, null, "3", impactOrUrgency),
				new Field("urgency", Type.INTEGER, null, "3", impactOrUrgency),
				new Field("priority", Type.INTEGER, null, "5",
						choices("1", "1 - Critical", "2", "2 - High", "3", "3 - Moderate", "4", "4 - Low", "5",
								"5 - Planning")),
				new Field("state", Type.INTEGER, null, "1", choices("1", "New", "2", "In Progress", "3", "On Hold", "6",
						"Resolved", "7", "Closed", "8", "Canceled")),
				bool("active", "true"), new Field("opened_at", Type.DATE_TIME, null, ""));
	}

	static {
		TABLES.forEach((name, table) -> {
			Map<String, Field> fields = new LinkedHashMap<>(table.fields());
			if (name.equals(SYS_USER)) {
				fields.remove(IDENTITY_TYPE);
			}
			WITHOUT_IDENTITY_TYPE.put(name,
					new Table(name, Collections.unmodifiableMap(fields), table.displayField(), false));
		});
	}

	private TableSchema() {
	}

	/** A table of the newest release simulated (with {@code identity_type}). */
	static Optional<Table> table(String name) {
		return Optional.ofNullable(TABLES.get(name));
	}

	/**
	 * @param identityTypeField false for an instance from before identity types: the
	 * field is then unknown, so it is not rendered, dropped from queries and ignored on
	 * writes
	 */
	static Optional<Table> table(String name, boolean identityTypeField) {
		return Optional.ofNullable((identityTypeField ? TABLES : WITHOUT_IDENTITY_TYPE).get(name));
	}

	static List<String> tableNames() {
		return List.copyOf(TABLES.keySet());
	}

	/**
	 * Resolves a possibly dot-walked field path such as {@code role.name} or
	 * {@code user.manager.user_name}. Every segment but the last must be a reference.
	 * Empty when any segment is unknown: callers then drop or ignore the field, as
	 * ServiceNow does.
	 */
	static Optional<List<Field>> resolvePath(Table table, String path) {
		List<Field> fields = new ArrayList<>();
		Table current = table;
		String[] segments = path.split("\\.", -1);
		for (int i = 0; i < segments.length; i++) {
			Optional<Field> field = current.field(segments[i]);
			if (field.isEmpty()) {
				return Optional.empty();
			}
			fields.add(field.get());
			if (i < segments.length - 1) {
				if (!field.get().isReference()) {
					return Optional.empty();
				}
				current = table(field.get().referenceTable(), current.identityTypeField()).orElseThrow();
			}
		}
		return Optional.of(fields);
	}

	private static void define(String name, String displayField, Field... fields) {
		Map<String, Field> byName = new LinkedHashMap<>();
		for (Field field : fields) {
			byName.put(field.name(), field);
		}
		// Every record carries these, whatever the table.
		for (Field field : List.of(string("sys_id"), new Field("sys_created_on", Type.DATE_TIME, null, ""),
				string("sys_created_by"), new Field("sys_updated_on", Type.DATE_TIME, null, ""),
				string("sys_updated_by"), new Field("sys_mod_count", Type.INTEGER, null, "0"))) {
			byName.put(field.name(), field);
		}
		TABLES.put(name, new Table(name, Collections.unmodifiableMap(byName), displayField, true));
	}

	private static Map<String, String> choices(String... valuesAndLabels) {
		Map<String, String> choices = new LinkedHashMap<>();
		for (int i = 0; i < valuesAndLabels.length; i += 2) {
			choices.put(valuesAndLabels[i], valuesAndLabels[i + 1]);
		}
		return Collections.unmodifiableMap(choices);
	}

	private static Field string(String name) {
		return new Field(name, Type.STRING, null, "");
	}

	private static Field bool(String name, String defaultValue) {
		return new Field(name, Type.BOOLEAN, null, defaultValue);
	}

	private static Field reference(String name, String table) {
		return new Field(name, Type.REFERENCE, table, "");
	}

}
