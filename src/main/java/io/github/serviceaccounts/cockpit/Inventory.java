package io.github.serviceaccounts.cockpit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.github.serviceaccounts.lifecycle.AdoptAccountProcess;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.request.RequestProcess;

/**
 * Every account the product knows, read from the engine's tables in a fixed number of
 * set-based queries (eight, whatever the number of accounts): the running lifecycles with
 * their variables, where they wait, their review timers; open tasks and incidents by
 * account; requests and adoptions under way; retired accounts. The engine's own query API
 * would need a query per instance for the state and the timer.
 */
class Inventory {

	private static final String LIFECYCLES = """
			SELECT ID_ AS id, BUSINESS_KEY_ AS account FROM ACT_RU_EXECUTION
			WHERE PROC_DEF_KEY_ = :lifecycle AND PARENT_ID_ IS NULL""";

	/**
	 * The lifecycles' instance variables the inventory shows, as flat rows: a join and a
	 * GROUP BY over them cost PostgreSQL three times as much as reading them and merging
	 * here.
	 */
	private static final String LIFECYCLE_VARIABLES = """
			SELECT PROC_INST_ID_ AS id, NAME_ AS name, TEXT_ AS text, LONG_ AS number FROM ACT_RU_VARIABLE
			WHERE NAME_ IN ('owner', 'ownerManager', 'accountLastLoginTime', 'governedSince', 'lockedByLifecycle')
			  AND EXECUTION_ID_ = PROC_INST_ID_
			  AND PROC_DEF_ID_ IN (SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = :lifecycle)""";

	private static final String WAITING_AT = """
			SELECT PROC_INST_ID_ AS id, ACT_ID_ AS activity FROM ACT_RU_EXECUTION
			WHERE PROC_DEF_KEY_ = :lifecycle AND ACT_ID_ IS NOT NULL""";

	private static final String REVIEW_TIMERS = """
			SELECT j.PROCESS_INSTANCE_ID_ AS id, j.DUEDATE_ AS due FROM ACT_RU_JOB j
			WHERE j.PROCESS_DEF_KEY_ = :lifecycle AND j.JOB_DEF_ID_ IN
			  (SELECT d.ID_ FROM ACT_RU_JOBDEF d WHERE d.PROC_DEF_KEY_ = :lifecycle AND d.ACT_ID_ = :reviewDue)""";

	private static final String OPEN_TASKS = """
			SELECT e.BUSINESS_KEY_ AS account, COUNT(*) AS n FROM ACT_RU_TASK t
			JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
			WHERE e.BUSINESS_KEY_ IS NOT NULL GROUP BY e.BUSINESS_KEY_""";

	private static final String OPEN_INCIDENTS = """
			SELECT e.BUSINESS_KEY_ AS account, COUNT(*) AS n FROM ACT_RU_INCIDENT i
			JOIN ACT_RU_EXECUTION e ON e.ID_ = i.PROC_INST_ID_
			WHERE e.BUSINESS_KEY_ IS NOT NULL GROUP BY e.BUSINESS_KEY_""";

	/**
	 * Requests and adoptions under way; the requester, or the manager asked to confirm.
	 */
	private static final String UNDER_WAY = """
			SELECT p.BUSINESS_KEY_ AS account, p.START_TIME_ AS started,
			  COALESCE(p.START_USER_ID_, MAX(v.TEXT_)) AS owner
			FROM ACT_HI_PROCINST p
			LEFT JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = 'currentOwner'
			WHERE p.PROC_DEF_KEY_ IN (:underWay) AND p.END_TIME_ IS NULL AND p.BUSINESS_KEY_ IS NOT NULL
			GROUP BY p.ID_, p.BUSINESS_KEY_, p.START_TIME_, p.START_USER_ID_""";

	private static final String RETIRED = """
			SELECT p.BUSINESS_KEY_ AS account, p.END_TIME_ AS ended,
			  MAX(CASE WHEN v.NAME_ = 'owner' THEN v.TEXT_ END) AS owner,
			  MAX(CASE WHEN v.NAME_ = 'ownerManager' THEN v.TEXT_ END) AS owner_manager,
			  MAX(CASE WHEN v.NAME_ = 'accountLastLoginTime' THEN v.TEXT_ END) AS last_use
			FROM ACT_HI_PROCINST p
			LEFT JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_
			  AND v.NAME_ IN ('owner', 'ownerManager', 'accountLastLoginTime')
			WHERE p.PROC_DEF_KEY_ = :lifecycle AND p.END_ACT_ID_ = :retired
			GROUP BY p.ID_, p.BUSINESS_KEY_, p.END_TIME_""";

	/** Accounts a person owns or owned, or requested. */
	private static final String OWNED_BY = """
			SELECT DISTINCT p.BUSINESS_KEY_ AS account FROM ACT_HI_DETAIL d
			JOIN ACT_HI_PROCINST p ON p.ID_ = d.PROC_INST_ID_
			WHERE d.NAME_ = 'owner' AND d.TEXT_ = :user AND p.BUSINESS_KEY_ IS NOT NULL
			UNION
			SELECT p.BUSINESS_KEY_ AS account FROM ACT_HI_PROCINST p
			WHERE p.PROC_DEF_KEY_ = :request AND p.START_USER_ID_ = :user AND p.BUSINESS_KEY_ IS NOT NULL""";

	private final NamedParameterJdbcTemplate jdbc;

	Inventory(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every account, one row each, in no particular order. */
	List<AccountRow> all() {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("lifecycle", LifecycleProcess.PROCESS_ID)
			.addValue("reviewDue", LifecycleProcess.REVIEW_DUE)
			.addValue("retired", LifecycleProcess.SERVICE_ACCOUNT_RETIRED)
			.addValue("underWay", List.of(RequestProcess.PROCESS_ID, AdoptAccountProcess.PROCESS_ID));
		Map<String, Set<String>> waitingAt = new HashMap<>();
		jdbc.query(WAITING_AT, params, (ResultSet rs) -> {
			waitingAt.computeIfAbsent(rs.getString("id"), id -> new HashSet<>()).add(rs.getString("activity"));
		});
		Map<String, Instant> reviews = new HashMap<>();
		jdbc.query(REVIEW_TIMERS, params, (ResultSet rs) -> {
			reviews.put(rs.getString("id"), instant(rs.getTimestamp("due")));
		});
		Map<String, Long> tasks = counts(OPEN_TASKS, params);
		Map<String, Long> incidents = counts(OPEN_INCIDENTS, params);

		Map<String, AccountRow> rows = new LinkedHashMap<>();
		jdbc.query(RETIRED, params, (ResultSet rs) -> {
			String account = rs.getString("account");
			rows.put(account,
					new AccountRow(account, rs.getString("owner"), rs.getString("owner_manager"), AccountState.RETIRED,
							rs.getString("last_use"), null, instant(rs.getTimestamp("ended")),
							tasks.getOrDefault(account, 0L), incidents.getOrDefault(account, 0L)));
		});
		jdbc.query(UNDER_WAY, params, (ResultSet rs) -> {
			String account = rs.getString("account");
			rows.put(account,
					new AccountRow(account, rs.getString("owner"), null, AccountState.REQUESTED, null, null,
							instant(rs.getTimestamp("started")), tasks.getOrDefault(account, 0L),
							incidents.getOrDefault(account, 0L)));
		});
		Map<String, Map<String, Object>> variables = new HashMap<>();
		jdbc.query(LIFECYCLE_VARIABLES, params, (ResultSet rs) -> {
			Object value = "lockedByLifecycle".equals(rs.getString("name")) ? (Object) rs.getLong("number")
					: rs.getString("text");
			variables.computeIfAbsent(rs.getString("id"), id -> new HashMap<>()).put(rs.getString("name"), value);
		});
		jdbc.query(LIFECYCLES, params, (ResultSet rs) -> {
			String id = rs.getString("id");
			String account = rs.getString("account");
			Map<String, Object> values = variables.getOrDefault(id, Map.of());
			boolean locked = Long.valueOf(1L).equals(values.get("lockedByLifecycle"));
			String since = (String) values.get("governedSince");
			rows.put(account, new AccountRow(account, (String) values.get("owner"), (String) values.get("ownerManager"),
					AccountState.ofLifecycle(waitingAt.getOrDefault(id, Set.of()), locked),
					(String) values.get("accountLastLoginTime"), reviews.get(id), since == null ? null : parse(since),
					tasks.getOrDefault(account, 0L), incidents.getOrDefault(account, 0L)));
		});
		return new ArrayList<>(rows.values());
	}

	/** The accounts a person owns or owned, or requested (whatever became of them). */
	Set<String> ownedBy(String userId) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("user", userId)
			.addValue("request", RequestProcess.PROCESS_ID);
		return new HashSet<>(jdbc.queryForList(OWNED_BY, params, String.class));
	}

	private Map<String, Long> counts(String sql, MapSqlParameterSource params) {
		Map<String, Long> counts = new HashMap<>();
		jdbc.query(sql, params, (ResultSet rs) -> {
			counts.put(rs.getString("account"), rs.getLong("n"));
		});
		return counts;
	}

	private static Instant parse(String instant) {
		try {
			return Instant.parse(instant);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	static Instant instant(Timestamp timestamp) throws SQLException {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
