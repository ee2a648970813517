package io.github.serviceaccounts.cockpit;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.request.GroupList;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;
import io.github.serviceaccounts.servicenow.UserGroupMembership;
import io.github.serviceaccounts.servicenow.UserRole;

/**
 * An account's story: every process instance with its business key, oldest first, each
 * step with who did it, when, and what they set (the start form's fields, an approval and
 * its comment, a review's outcome, ...), the incidents and how they ended; then the
 * account as ServiceNow has it now, with what differs from what the product last wrote.
 * Six queries on the history, whatever the story's length, and three calls to ServiceNow.
 */
class Story {

	private static final Logger log = LoggerFactory.getLogger(Story.class);

	private static final String OF_ACCOUNT = "SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = :account";

	private static final String INSTANCES = """
			SELECT p.ID_, p.PROC_DEF_KEY_, d.NAME_, p.START_TIME_, p.END_TIME_, p.START_USER_ID_, p.STATE_, p.END_ACT_ID_,
			  p.REMOVAL_TIME_
			FROM ACT_HI_PROCINST p LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = p.PROC_DEF_ID_
			WHERE p.BUSINESS_KEY_ = :account ORDER BY p.START_TIME_, p.ID_""";

	private static final String STEPS = """
			SELECT ID_, PROC_INST_ID_, ACT_ID_, ACT_NAME_, ACT_TYPE_, START_TIME_, END_TIME_, ASSIGNEE_, TASK_ID_,
			  ACT_INST_STATE_
			FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ IN (%s)
			  AND ACT_TYPE_ NOT IN ('exclusiveGateway', 'eventBasedGateway', 'parallelGateway', 'inclusiveGateway',
			  'multiInstanceBody')
			ORDER BY START_TIME_, SEQUENCE_COUNTER_""".formatted(OF_ACCOUNT);

	private static final String VALUES = """
			SELECT PROC_INST_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_, TIME_
			FROM ACT_HI_DETAIL WHERE TYPE_ = 'VariableUpdate' AND PROC_INST_ID_ IN (%s)
			ORDER BY TIME_, SEQUENCE_COUNTER_""".formatted(OF_ACCOUNT);

	private static final String COMPLETIONS = """
			SELECT DISTINCT TASK_ID_, USER_ID_ FROM ACT_HI_OP_LOG
			WHERE OPERATION_TYPE_ = 'Complete' AND ENTITY_TYPE_ = 'Task' AND USER_ID_ IS NOT NULL
			  AND PROC_INST_ID_ IN (%s)""".formatted(OF_ACCOUNT);

	private static final String INCIDENTS = """
			SELECT PROC_INST_ID_, CREATE_TIME_, END_TIME_, INCIDENT_MSG_, INCIDENT_TYPE_, ACTIVITY_ID_,
			  FAILED_ACTIVITY_ID_, INCIDENT_STATE_
			FROM ACT_HI_INCIDENT WHERE PROC_INST_ID_ IN (%s) ORDER BY CREATE_TIME_""".formatted(OF_ACCOUNT);

	/** Fields that decide a step: shown as its outcome. */
	private static final List<String> OUTCOMES = List.of("approved", "validationOutcome", "reviewOutcome",
			"ownershipAccepted", "ownershipConfirmed", "withdraw", "newOwner", "groupsToRemove");

	/** Fields that carry what a person wrote: shown as the step's comment. */
	private static final List<String> COMMENTS = List.of("approvalComment", "validationComment", "reviewComment",
			"namingComment", "declineReason", "objection", "retirementReason", "adoptionNote", "purpose");

	private static final Map<Integer, String> INCIDENT_STATES = Map.of(0, "open", 1, "resolved (deleted)", 2,
			"resolved");

	private final NamedParameterJdbcTemplate jdbc;

	private final ServiceNowClient serviceNow;

	private final String defaultGroup;

	Story(NamedParameterJdbcTemplate jdbc, ServiceNowClient serviceNow, String defaultGroup) {
		this.jdbc = jdbc;
		this.serviceNow = serviceNow;
		this.defaultGroup = defaultGroup;
	}

	/** The history of the account, empty when no instance has its business key. */
	Optional<History> history(String account) {
		MapSqlParameterSource params = new MapSqlParameterSource("account", account);
		List<Map<String, Object>> instances = new ArrayList<>();
		Map<String, Map<String, Object>> byId = new HashMap<>();
		Map<String, String> startUsers = new HashMap<>();
		jdbc.query(INSTANCES, params, (ResultSet rs) -> {
			Map<String, Object> instance = new LinkedHashMap<>();
			instance.put("id", rs.getString("ID_"));
			instance.put("process", rs.getString("PROC_DEF_KEY_"));
			instance.put("name", Optional.ofNullable(rs.getString("NAME_")).orElse(rs.getString("PROC_DEF_KEY_")));
			instance.put("started", text(Inventory.instant(rs.getTimestamp("START_TIME_"))));
			instance.put("ended", text(Inventory.instant(rs.getTimestamp("END_TIME_"))));
			instance.put("startedBy", rs.getString("START_USER_ID_"));
			instance.put("state", rs.getString("STATE_"));
			instance.put("endedAt", rs.getString("END_ACT_ID_"));
			instance.put("keptUntil", text(Inventory.instant(rs.getTimestamp("REMOVAL_TIME_"))));
			instance.put("steps", new ArrayList<Map<String, Object>>());
			instance.put("incidents", new ArrayList<Map<String, Object>>());
			instances.add(instance);
			byId.put(rs.getString("ID_"), instance);
			startUsers.put(rs.getString("ID_"), rs.getString("START_USER_ID_"));
		});
		if (instances.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> completedBy = new HashMap<>();
		jdbc.query(COMPLETIONS, params, (ResultSet rs) -> {
			completedBy.putIfAbsent(rs.getString("TASK_ID_"), rs.getString("USER_ID_"));
		});
		Map<String, Map<String, Object>> steps = new HashMap<>();
		Map<String, List<Map<String, Object>>> stepsOfInstance = new HashMap<>();
		jdbc.query(STEPS, params, (ResultSet rs) -> {
			String instanceId = rs.getString("PROC_INST_ID_");
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("activity", rs.getString("ACT_ID_"));
			step.put("name", Optional.ofNullable(rs.getString("ACT_NAME_")).orElse(rs.getString("ACT_ID_")));
			step.put("type", rs.getString("ACT_TYPE_"));
			step.put("started", text(Inventory.instant(rs.getTimestamp("START_TIME_"))));
			step.put("ended", text(Inventory.instant(rs.getTimestamp("END_TIME_"))));
			String taskId = rs.getString("TASK_ID_");
			String who = taskId == null ? null : completedBy.getOrDefault(taskId, rs.getString("ASSIGNEE_"));
			if ("startEvent".equals(rs.getString("ACT_TYPE_"))) {
				who = startUsers.get(instanceId);
			}
			step.put("by", who);
			// ActivityInstanceState.CANCELED: left by a boundary event, a message or a
			// deletion
			if (rs.getInt("ACT_INST_STATE_") == 2) {
				step.put("canceled", true);
			}
			step.put("fields", new LinkedHashMap<String, Object>());
			steps.put(rs.getString("ID_"), step);
			// variables set as an instance starts carry the instance's id as their
			// activity instance
			if ("startEvent".equals(rs.getString("ACT_TYPE_")) && !steps.containsKey(instanceId)) {
				steps.put(instanceId, step);
			}
			stepsOfInstance.computeIfAbsent(instanceId, id -> new ArrayList<>()).add(step);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> list = (List<Map<String, Object>>) byId.get(instanceId).get("steps");
			list.add(step);
		});
		Map<String, String> latest = new HashMap<>();
		List<String> requestedGroups = new ArrayList<>();
		jdbc.query(VALUES, params, (ResultSet rs) -> {
			String name = rs.getString("NAME_");
			Object value = value(rs);
			Map<String, Object> step = steps.get(rs.getString("ACT_INST_ID_"));
			if (step == null) {
				step = lastStepBefore(stepsOfInstance.get(rs.getString("PROC_INST_ID_")),
						text(Inventory.instant(rs.getTimestamp("TIME_"))));
			}
			if (step != null) {
				@SuppressWarnings("unchecked")
				Map<String, Object> fields = (Map<String, Object>) step.get("fields");
				fields.put(name, value);
			}
			if (value instanceof String || value instanceof Boolean) {
				latest.put(name, String.valueOf(value));
			}
			if ("requestedGroups".equals(name) && value instanceof String groups) {
				requestedGroups.add(groups);
			}
		});
		for (Map<String, Object> step : steps.values()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> fields = (Map<String, Object>) step.get("fields");
			OUTCOMES.stream()
				.filter(fields::containsKey)
				.findFirst()
				.ifPresent(name -> step.put("outcome", name + ": " + fields.get(name)));
			COMMENTS.stream()
				.filter(name -> fields.get(name) instanceof String text && !text.isBlank())
				.findFirst()
				.ifPresent(name -> step.put("comment", fields.get(name)));
		}
		jdbc.query(INCIDENTS, params, (ResultSet rs) -> {
			Map<String, Object> incident = new LinkedHashMap<>();
			incident.put("created", text(Inventory.instant(rs.getTimestamp("CREATE_TIME_"))));
			incident.put("ended", text(Inventory.instant(rs.getTimestamp("END_TIME_"))));
			incident.put("activity",
					Optional.ofNullable(rs.getString("FAILED_ACTIVITY_ID_")).orElse(rs.getString("ACTIVITY_ID_")));
			incident.put("type", rs.getString("INCIDENT_TYPE_"));
			incident.put("message", rs.getString("INCIDENT_MSG_"));
			incident.put("state", INCIDENT_STATES.getOrDefault(rs.getInt("INCIDENT_STATE_"), "unknown"));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> list = (List<Map<String, Object>>) byId.get(rs.getString("PROC_INST_ID_"))
				.get("incidents");
			list.add(incident);
		});
		boolean retired = instances.stream()
			.anyMatch(instance -> LifecycleProcess.PROCESS_ID.equals(instance.get("process"))
					&& LifecycleProcess.SERVICE_ACCOUNT_RETIRED.equals(instance.get("endedAt")));
		boolean governed = instances.stream()
			.anyMatch(instance -> LifecycleProcess.PROCESS_ID.equals(instance.get("process"))
					&& instance.get("ended") == null);
		return Optional.of(new History(instances, latest, requestedGroups, governed, retired));
	}

	/**
	 * What the product last wrote, derived from the history: the groups granted (and not
	 * removed since), the owner as manager, active unless retired, web service only once
	 * governed, locked only while the lifecycle holds it locked or retiring.
	 */
	Map<String, Object> serviceNow(String account, History history) {
		Map<String, Object> now = new LinkedHashMap<>();
		try {
			Optional<UserAndManager> found = serviceNow.findUserAndManagerByUserName(account);
			if (found.isEmpty()) {
				now.put("found", false);
				now.put("differences", history.governed() ? List
					.of("ServiceNow has no account " + account + " although the product governs it (deleted by hand?)")
						: List.of());
				return now;
			}
			ServiceNowUser user = found.get().user();
			String manager = found.get().manager().map(ServiceNowUser::userName).orElse(null);
			List<String> roles = serviceNow.findUserRoles(user.sysId())
				.roles()
				.stream()
				.map(UserRole::roleName)
				.distinct()
				.sorted()
				.toList();
			List<String> groups = serviceNow.findMemberships(user.sysId())
				.stream()
				.map(UserGroupMembership::groupName)
				.sorted()
				.toList();
			now.put("found", true);
			now.put("active", user.active());
			now.put("lockedOut", user.lockedOut());
			now.put("webServiceAccessOnly", user.webServiceAccessOnly());
			now.put("manager", manager);
			now.put("roles", roles);
			now.put("groups", groups);
			now.put("lastLogin", user.lastLoginTime());
			now.put("differences", differences(history, user, manager, groups));
		}
		catch (ServiceNowException | IllegalArgumentException ex) {
			log.info("[{}] the story could not read the account in ServiceNow: {}", account, ex.getMessage());
			now.put("error", "ServiceNow could not be read: " + ex.getMessage());
		}
		return now;
	}

	private List<String> differences(History history, ServiceNowUser user, String manager, List<String> groups) {
		List<String> differences = new ArrayList<>();
		if (!history.governed() && !history.retired()) {
			return differences;
		}
		Set<String> expected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		expected.add(defaultGroup);
		if (!history.retired()) {
			expected.addAll(GroupList.parse(history.latest().get("grantedGroups")));
			expected.addAll(GroupList.parse(history.latest().get("additionalGroups")));
			history.requestedGroups().forEach(requested -> expected.addAll(GroupList.parse(requested)));
			expected.removeAll(GroupList.parse(history.latest().get("groupsToRemove")));
		}
		Set<String> actual = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		actual.addAll(groups);
		for (String group : new LinkedHashSet<>(groups)) {
			if (!expected.contains(group)) {
				differences.add("In group '" + group + "', which the product never granted (added by hand?)");
			}
		}
		for (String group : expected) {
			if (!actual.contains(group)) {
				differences.add("Not in group '" + group + "', which the product granted (removed by hand?)");
			}
		}
		String owner = history.latest().get("owner");
		if (owner != null && (manager == null || !manager.equalsIgnoreCase(owner))) {
			differences.add("Manager is " + (manager == null ? "empty" : "'" + manager + "'") + "; the product named '"
					+ owner + "' as owner");
		}
		if (history.retired() == user.active()) {
			differences.add("Active is " + user.active() + "; the product "
					+ (history.retired() ? "retired it" : "keeps it active"));
		}
		if (history.governed() && !user.webServiceAccessOnly()) {
			differences.add("Web service access only is off: GUI sign-in is possible again");
		}
		boolean lockExpected = history.retired() || "true".equals(history.latest().get("lockedByLifecycle"));
		if (history.governed() && user.lockedOut() && !lockExpected) {
			differences.add("Locked out, although the product did not lock it");
		}
		return differences;
	}

	private static Map<String, Object> lastStepBefore(List<Map<String, Object>> steps, String time) {
		if (steps == null || time == null) {
			return null;
		}
		Map<String, Object> found = null;
		for (Map<String, Object> step : steps) {
			if (step.get("started") != null && ((String) step.get("started")).compareTo(time) <= 0) {
				found = step;
			}
		}
		return found;
	}

	private static Object value(ResultSet rs) throws java.sql.SQLException {
		String type = Optional.ofNullable(rs.getString("VAR_TYPE_")).orElse("").toLowerCase(Locale.ROOT);
		return switch (type) {
			case "string" -> rs.getString("TEXT_");
			case "boolean" -> rs.getObject("LONG_") == null ? null : rs.getLong("LONG_") == 1L;
			case "long", "integer", "short" -> rs.getObject("LONG_") == null ? null : rs.getLong("LONG_");
			case "double" -> rs.getObject("DOUBLE_") == null ? null : rs.getDouble("DOUBLE_");
			case "date" -> rs.getObject("LONG_") == null ? null : Instant.ofEpochMilli(rs.getLong("LONG_")).toString();
			case "null" -> null;
			default -> "(a " + type + " value)";
		};
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	/**
	 * @param latest each variable's last value, as text
	 * @param governed a lifecycle runs for the account
	 */
	record History(List<Map<String, Object>> instances, Map<String, String> latest, List<String> requestedGroups,
			boolean governed, boolean retired) {

		/** The account's owner as the product last recorded it (else its requester). */
		Optional<String> owner() {
			if (latest.get("owner") != null) {
				return Optional.of(latest.get("owner"));
			}
			return instances.stream()
				.map(instance -> (String) instance.get("startedBy"))
				.filter(u -> u != null)
				.findFirst();
		}

	}

}
