package bench;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Years of history for every governed account, as the benchmark's data: one account lives them for
 * real (its request, then a periodic review every 180 days, kept, {@code 2 x years} times, through
 * the engine with the simulator behind it), and its history rows are then copied to every other
 * account, table by table in SQL, with new ids, the account's name and owner. What the copies get:
 * <ul>
 * <li>the finished request: its {@code ACT_HI_PROCINST} row and every history row under it, and
 * the requester's grant to read it ({@code ACT_RU_AUTHORIZATION});</li>
 * <li>the reviews: every history row of the real lifecycle but its {@code ACT_HI_PROCINST} and
 * {@code ACT_HI_VARINST} rows, attached to the account's own running lifecycle;</li>
 * <li>the byte arrays those rows point to.</li>
 * </ul>
 * Timestamps stay those of the real run; ids keep their length (the UUIDs' version group is
 * replaced by a tag of the copy), so that activity instance ids still fit their columns.
 */
final class HistoryYears {

	/** History tables, with the byte arrays and grants that belong to an instance. */
	static final List<String> TABLES = List.of("ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_DETAIL",
			"ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT", "ACT_HI_COMMENT");

	/** Columns that hold ids of the engine's rows (never a definition, user or activity id). */
	private static final Set<String> ID_COLUMNS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_", "EXECUTION_ID_",
			"ACT_INST_ID_", "PARENT_ACT_INST_ID_", "TASK_ID_", "PARENT_TASK_ID_", "CALL_PROC_INST_ID_", "BYTEARRAY_ID_",
			"VAR_INST_ID_", "CAUSE_INCIDENT_ID_", "ROOT_CAUSE_INCIDENT_ID_", "JOB_ID_", "JOB_EXCEPTION_STACK_ID_",
			"SUPER_PROCESS_INSTANCE_ID_", "OPERATION_ID_", "RESOURCE_ID_", "CONFIGURATION_");

	private static final int CHUNK = 500;

	private final ProcessEngine engine;

	private final DataSource dataSource;

	HistoryYears(ProcessEngine engine, DataSource dataSource) {
		this.engine = engine;
		this.dataSource = dataSource;
	}

	/** The template account's reviews, for real: 2 a year. */
	void review(String account, int reviews) throws InterruptedException {
		String lifecycle = lifecycle(account);
		for (int i = 0; i < reviews; i++) {
			Job due = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle)
				.timers()
				.activityId("reviewDue")
				.singleResult();
			engine.getManagementService().executeJob(due.getId());
			Task review = null;
			for (int wait = 0; wait < 600 && review == null; wait++) {
				review = engine.getTaskService()
					.createTaskQuery()
					.processInstanceId(lifecycle)
					.taskDefinitionKey("reviewServiceAccount")
					.singleResult();
				if (review == null) {
					Thread.sleep(100);
				}
			}
			if (review == null) {
				throw new IllegalStateException("review " + (i + 1) + " of " + account + " did not begin");
			}
			engine.getIdentityService().setAuthentication("alice", List.of("service-account-requesters"));
			try {
				engine.getTaskService()
					.complete(review.getId(), Map.of("reviewOutcome", "keep", "reviewComment",
							"Still used by the integration, review " + (i + 1)));
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
			for (int wait = 0; wait < 600 && engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle)
				.timers()
				.activityId("reviewDue")
				.count() == 0; wait++) {
				Thread.sleep(100);
			}
		}
	}

	String lifecycle(String account) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey("serviceAccountLifecycle")
			.processInstanceBusinessKey(account)
			.singleResult()
			.getId();
	}

	String request(String account) {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey("serviceAccountRequest")
			.processInstanceBusinessKey(account)
			.singleResult()
			.getId();
	}

	/** History rows of the account, by table. */
	Map<String, Long> rows(String account) throws SQLException {
		Map<String, Long> rows = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			String roots = "(SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = '" + account + "')";
			rows.put("ACT_HI_PROCINST", count(statement, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE ID_ IN " + roots));
			for (String table : TABLES) {
				rows.put(table,
						count(statement, "SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ IN " + roots));
			}
		}
		return rows;
	}

	private static long count(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Copies the template account's history to every account of {@code BENCH_COPY}: the request's
	 * whole history, and the lifecycle's history rows onto the account's own lifecycle.
	 *
	 * @param accounts account name, its owner and its running lifecycle's id, in that order
	 */
	void copy(String template, List<String[]> accounts) throws SQLException {
		String request = request(template);
		String lifecycle = lifecycle(template);
		String versionGroup = versionGroup(request);
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE BENCH_COPY (N_ INTEGER, TAG_ VARCHAR(4), ACCOUNT_ VARCHAR(64), "
						+ "OWNER_ VARCHAR(64), LIFECYCLE_ VARCHAR(64))");
			}
			connection.commit();
			Map<String, List<String>> columns = new LinkedHashMap<>();
			for (String table : concat("ACT_HI_PROCINST", TABLES, "ACT_GE_BYTEARRAY", "ACT_RU_AUTHORIZATION")) {
				columns.put(table, columns(connection, table));
			}
			for (int from = 0; from < accounts.size(); from += CHUNK) {
				List<String[]> chunk = accounts.subList(from, Math.min(accounts.size(), from + CHUNK));
				try (Statement statement = connection.createStatement()) {
					statement.execute("DELETE FROM BENCH_COPY");
					StringBuilder insert = new StringBuilder(
							"INSERT INTO BENCH_COPY (N_, TAG_, ACCOUNT_, OWNER_, LIFECYCLE_) VALUES ");
					for (int i = 0; i < chunk.size(); i++) {
						int n = from + i + 1;
						String[] account = chunk.get(i);
						insert.append(i == 0 ? "" : ", ")
							.append("(")
							.append(n)
							.append(", '")
							.append(tag(n))
							.append("', '")
							.append(account[0])
							.append("', '")
							.append(account[1])
							.append("', '")
							.append(account[2])
							.append("')");
					}
					statement.execute(insert.toString());
					String idsOfRequest = "('" + request + "')";
					String idsOfBoth = "('" + request + "', '" + lifecycle + "')";
					statement.execute(copySql("ACT_HI_PROCINST", columns.get("ACT_HI_PROCINST"), lifecycle,
							versionGroup, "t.ID_ IN " + idsOfRequest));
					for (String table : TABLES) {
						String where = table.equals("ACT_HI_VARINST") ? "t.ROOT_PROC_INST_ID_ IN " + idsOfRequest
								: "t.ROOT_PROC_INST_ID_ IN " + idsOfBoth;
						statement.execute(copySql(table, columns.get(table), lifecycle, versionGroup, where));
					}
					statement.execute(copySql("ACT_GE_BYTEARRAY", columns.get("ACT_GE_BYTEARRAY"), lifecycle,
							versionGroup,
							"t.ID_ IN (SELECT BYTEARRAY_ID_ FROM ACT_HI_DETAIL WHERE ROOT_PROC_INST_ID_ IN " + idsOfBoth
									+ " UNION SELECT BYTEARRAY_ID_ FROM ACT_HI_VARINST WHERE ROOT_PROC_INST_ID_ IN "
									+ idsOfRequest + " UNION SELECT JOB_EXCEPTION_STACK_ID_ FROM ACT_HI_JOB_LOG "
									+ "WHERE ROOT_PROC_INST_ID_ IN " + idsOfBoth + ")"));
					statement.execute(copySql("ACT_RU_AUTHORIZATION", columns.get("ACT_RU_AUTHORIZATION"), lifecycle,
							versionGroup, "t.ROOT_PROC_INST_ID_ IN " + idsOfRequest));
				}
				connection.commit();
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP TABLE BENCH_COPY");
			}
			connection.commit();
		}
	}

	private String copySql(String table, List<String> columns, String lifecycle, String versionGroup,
			String where) {
		List<String> values = new ArrayList<>();
		for (String column : columns) {
			String name = column.toUpperCase(Locale.ROOT);
			String value = "t." + column;
			if (ID_COLUMNS.contains(name)) {
				value = "CASE WHEN " + value + " IS NULL THEN NULL WHEN " + value + " = '" + lifecycle
						+ "' THEN c.LIFECYCLE_ ELSE REPLACE(" + value + ", '-" + versionGroup + "-', '-' || c.TAG_ || '-') END";
			}
			else if (name.equals("BUSINESS_KEY_")) {
				value = "c.ACCOUNT_";
			}
			else if (name.equals("START_USER_ID_") || (name.equals("USER_ID_") && table.equals("ACT_RU_AUTHORIZATION"))) {
				value = "CASE WHEN " + value + " IS NULL THEN NULL ELSE c.OWNER_ END";
			}
			else if (name.equals("TEXT_") && (table.equals("ACT_HI_DETAIL") || table.equals("ACT_HI_VARINST"))) {
				value = "CASE WHEN t.NAME_ IN ('owner', 'requester') THEN c.OWNER_ WHEN t.NAME_ = 'accountUserName' "
						+ "THEN c.ACCOUNT_ ELSE t.TEXT_ END";
			}
			values.add(value);
		}
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
				+ " FROM " + table + " t CROSS JOIN BENCH_COPY c WHERE " + where;
	}

	/** The version group of the engine's time-based UUIDs today (e.g. {@code 11f1}). */
	private static String versionGroup(String id) {
		String[] groups = id.split("-");
		if (groups.length != 5 || groups[2].length() != 4) {
			throw new IllegalStateException("not a time-based UUID: " + id);
		}
		return groups[2];
	}

	/** A tag that no UUID's version group has: 'z' and three base-36 digits. */
	static String tag(int n) {
		String digits = Integer.toString(n, 36);
		return "z" + "0".repeat(Math.max(0, 3 - digits.length())) + digits;
	}

	private static List<String> columns(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		List<String> columns = new ArrayList<>();
		for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
			try (ResultSet rs = meta.getColumns(null, null, name, null)) {
				while (rs.next()) {
					columns.add(rs.getString("COLUMN_NAME"));
				}
			}
			if (!columns.isEmpty()) {
				return columns;
			}
		}
		throw new IllegalStateException("no table " + table);
	}

	private static List<String> concat(String first, List<String> middle, String... last) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(middle);
		all.addAll(List.of(last));
		return all;
	}

}
