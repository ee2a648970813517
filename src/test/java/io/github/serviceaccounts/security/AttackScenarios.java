package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.request.RequestProcess.ADD_ACCOUNT_TO_GROUPS;
import static io.github.serviceaccounts.request.RequestProcess.APPROVED_NEW_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.CHECK_REQUEST;
import static io.github.serviceaccounts.request.RequestProcess.CREATE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.DEACTIVATE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.HAND_OVER_CREDENTIALS;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static io.github.serviceaccounts.request.RequestProcess.REMOVE_GUI_ACCESS;
import static io.github.serviceaccounts.request.RequestProcess.TO_HAND_OVER_CREDENTIALS;
import static io.github.serviceaccounts.security.EngineDoors.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.serviceaccounts.request.RequestProcess.Errors;
import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.security.EngineDoors.Door;

/**
 * The attacks that walked around the URL guards of the landed jar, and variants of each
 * class, sent through both doors to the engine. Each subclass runs them against one
 * set-up: the whole application, the engine without its HTTP wall, and the {@code prod}
 * profile. Every case checks what an attacker would want, not just the status: no
 * instance started, no variable changed, bob still exists, no deployment added.
 */
abstract class AttackScenarios {

	static final String EXPRESSION = "${identityService.deleteUser('bob')}";

	// bob's personal sys_user, as an attacker would find it in ServiceNow
	static final String BOB_SYS_ID = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	IdentityService identityService;

	@Autowired
	HistoryService historyService;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	FilterService filterService;

	EngineDoors doors;

	@BeforeEach
	void doors() {
		doors = new EngineDoors(port, password());
	}

	/**
	 * Whether the application's HTTP wall stands in front of the engine in this set-up.
	 */
	boolean hasHttpWall() {
		return true;
	}

	/** The password of alice, bob, carol and admin in this set-up. */
	String password() {
		return "demo";
	}

	// --- 1. starts anywhere but the start event, and skipped listeners

	static Stream<Arguments> startInstructions() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			for (String activity : List.of(CHECK_REQUEST, APPROVE_SERVICE_ACCOUNT, CREATE_SERVICE_ACCOUNT,
					ADD_ACCOUNT_TO_GROUPS, HAND_OVER_CREDENTIALS, REMOVE_GUI_ACCESS, DEACTIVATE_SERVICE_ACCOUNT)) {
				cases.add(Arguments.of(door, Map.of("type", "startBeforeActivity", "activityId", activity)));
				cases.add(Arguments.of(door, Map.of("type", "startAfterActivity", "activityId", activity)));
			}
			cases.add(Arguments.of(door, Map.of("type", "startTransition", "transitionId", TO_HAND_OVER_CREDENTIALS)));
			cases.add(Arguments.of(door, Map.of("type", "startTransition", "transitionId", APPROVED_NEW_ACCOUNT)));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("startInstructions")
	void noRequestStartsAnywhereButItsStartEvent(Door door, Map<String, Object> instruction) throws Exception {
		String account = "svc_atk_" + Math.abs((door + instruction.toString()).hashCode());
		Map<String, Object> withVariables = new HashMap<>(instruction);
		withVariables.put("variables",
				Map.of("requester", string("bob"), "accountSysId", string(BOB_SYS_ID), "requesterEmail",
						string("mallory@attacker.example"), "approved", bool(true), "grantedGroups",
						string("CMDB Read Access")));
		HttpResponse<String> start = doors.send(door, "alice", "POST",
				"/process-definition/key/" + PROCESS_ID + "/start",
				Map.of("variables", request(account), "startInstructions", List.of(withVariables),
						"skipCustomListeners", true, "skipIoMappings", true));

		assertThat(start.statusCode()).as(start.body()).isEqualTo(403);
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(account).count()).isZero();
		assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(account).count())
			.isZero();
	}

	@ParameterizedTest
	@EnumSource(Door.class)
	void noStartSkipsTheStartEventsListeners(Door door) throws Exception {
		HttpResponse<String> start = doors.send(door, "alice", "POST",
				"/process-definition/key/" + PROCESS_ID + "/start",
				Map.of("variables", request("svc_atk_skip_" + door.ordinal()), "skipCustomListeners", true));

		// Without the HTTP wall the engine itself refuses it (ENGINE-13024, which its
		// REST layer answers with 500).
		assertThat(start.statusCode()).as(start.body()).isGreaterThanOrEqualTo(400);
		assertThat(start.body().toLowerCase()).contains("skip");
		assertThat(runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("svc_atk_skip_" + door.ordinal())
			.count()).isZero();
	}

	// --- 2. expressions in queries, through every path form and every query that
	// evaluates them

	static Stream<Arguments> taskQueries() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			for (String path : List.of("/task", "/task/", "/task;x=1", "/task/count", "/task/count/", "/%74ask",
					"/task/;x=1")) {
				for (String field : List.of("assigneeExpression", "candidateGroupsExpression", "dueDateExpression",
						"processInstanceBusinessKeyExpression")) {
					cases.add(Arguments.of(door, path, field));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} POST {1} orQueries[0].{2}")
	@MethodSource("taskQueries")
	void noTaskQueryEvaluatesAnExpression(Door door, String path, String field) throws Exception {
		HttpResponse<String> query = doors.send(door, "alice", "POST", path,
				Map.of("orQueries", List.of(Map.of(field, "${identityService.deleteUser('bob')}"))));

		// Without the wall, a path the router does not know answers 404: not evaluated
		// either.
		assertThat(query.statusCode()).as(query.body()).isBetween(400, hasHttpWall() ? 400 : 499);
		assertThat(identityService.createUserQuery().userId("bob").count()).as("bob still exists").isEqualTo(1);
	}

	static Stream<Arguments> filterPaths() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			for (String path : List.of("/filter/{id}/list", "/filter/{id}/count", "/filter/{id}/singleResult",
					"/filter;x=1/{id}/list", "/filter/{id};x=1/list", "/filter/{id}/list/",
					"/filter/{id}/list?firstResult=0")) {
				cases.add(Arguments.of(door, path));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} POST {1}")
	@MethodSource("filterPaths")
	void noFilterEvaluatesAnExpressionOfItsExtendingQuery(Door door, String path) throws Exception {
		String filter = runtimeFilterId();
		HttpResponse<String> list = doors.send(door, "alice", "POST", path.replace("{id}", filter),
				Map.of("orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))));

		assertThat(list.statusCode()).as(list.body()).isEqualTo(400);
		assertThat(identityService.createUserQuery().userId("bob").count()).as("bob still exists").isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Door.class)
	void noStoredFilterHoldsAnExpression(Door door) throws Exception {
		HttpResponse<String> create = doors.send(door, "admin", "POST", "/filter/create", Map.of("resourceType", "Task",
				"name", "evil", "query", Map.of("orQueries", List.of(Map.of("assigneeExpression", EXPRESSION)))));

		assertThat(create.statusCode()).as(create.body()).isBetween(400, 499);
		assertThat(identityService.createUserQuery().userId("bob").count()).isEqualTo(1);
	}

	String runtimeFilterId() {
		return filterService.createFilterQuery().filterName("All tasks").singleResult().getId();
	}

	// --- 3. variables: a start or a completion sets only its own form's fields, with
	// plain values

	static Stream<Arguments> startValues() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			for (String path : List.of("/start", "/submit-form")) {
				cases.add(Arguments.of(door, path, "requester", string("bob")));
				cases.add(Arguments.of(door, path, "requesterSysId", string(BOB_SYS_ID)));
				cases.add(Arguments.of(door, path, "approved", bool(true)));
				cases.add(Arguments.of(door, path, "purpose", Map.of("value", "AAAA", "type", "Bytes")));
				cases.add(Arguments.of(door, path, "purpose",
						Map.of("value", "rO0ABXQAAWE=", "type", "Object", "valueInfo",
								Map.of("objectTypeName", "java.lang.String", "serializationDataFormat",
										"application/x-java-serialized-object"))));
				cases.add(Arguments.of(door, path, "purpose",
						Map.of("value", "aGVsbG8=", "type", "File", "valueInfo", Map.of("filename", "x.txt"))));
				cases.add(Arguments.of(door, path, "purpose", Map.of("value", "{\"a\":1}", "type", "Json")));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}={3}")
	@MethodSource("startValues")
	void aStartSetsOnlyItsFormsFieldsWithPlainValues(Door door, String path, String name, Object value)
			throws Exception {
		String account = "svc_atk_v" + Math.abs((door + path + name + value).hashCode());
		Map<String, Object> variables = new HashMap<>(request(account));
		variables.put(name, value);
		HttpResponse<String> start = doors.send(door, "alice", "POST", "/process-definition/key/" + PROCESS_ID + path,
				Map.of("variables", variables));

		assertThat(start.statusCode()).as(start.body()).isEqualTo(400);
		String message = JSON.readTree(start.body()).path("message").asText();
		if (!name.equals("purpose")) {
			// a value the form has no field for: the answer lists the form's fields as it
			// labels them, and names no variable
			assertThat(message).isEqualTo("Only the fields of this form can be sent (Account email, Account user name, "
					+ "Additional groups, Display name, Purpose); one value sent is not one of them.");
		}
		else if (hasHttpWall()) {
			assertThat(message).startsWith("purpose: a value of type '");
		}
		else if (!value.toString().contains("Json")) {
			// Json is refused by Camunda's REST layer before the engine sees it, without
			// naming the field.
			assertThat(message).startsWith("Purpose: takes text or true/false, not ");
		}
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(account).count()).isZero();
	}

	static Stream<Arguments> completionPaths() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			for (String path : List.of("/task/{id}/complete", "/task/{id}/submit-form", "/task/{id}/complete/",
					"/task/{id};x=1/complete", "/task/{id}/complete;x=1", "/task/{encoded}/submit-form",
					"/task/{id}/resolve")) {
				cases.add(Arguments.of(door, path));
			}
		}
		return cases.stream();
	}

	/**
	 * The approver completes bob's approval of alice's request and tries to set what only
	 * the process sets: the requester, where the password goes, which account is changed.
	 */
	@ParameterizedTest(name = "{0} POST {1}")
	@MethodSource("completionPaths")
	void aCompletionSetsOnlyItsFormsFields(Door door, String path) throws Exception {
		Task approval = approvalOfAliceFor("svc_atk_c" + Math.abs((door + path).hashCode()));
		String taskPath = path.replace("{id}", approval.getId())
			.replace("{encoded}",
					"%" + Integer.toHexString(approval.getId().charAt(0)) + approval.getId().substring(1));
		HttpResponse<String> complete = doors.send(door, "bob", "POST", taskPath,
				Map.of("variables",
						Map.of("approved", bool(true), "approvalComment", string(""), "requester", string("carol"),
								"requesterEmail", string("mallory@attacker.example"), "accountSysId",
								string(BOB_SYS_ID))));

		assertThat(complete.statusCode()).as(complete.body()).isBetween(400, 499);
		assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("the approval is still open")
			.isEqualTo(1);
		assertThat(runtimeService.getVariable(approval.getProcessInstanceId(), "requester")).isEqualTo("alice");
		assertThat(runtimeService.getVariable(approval.getProcessInstanceId(), "accountSysId")).isNull();
		assertThat(runtimeService.getVariable(approval.getProcessInstanceId(), "requesterEmail"))
			.isNotEqualTo("mallory@attacker.example");
	}

	static Stream<Arguments> variableWrites() {
		List<Arguments> cases = new ArrayList<>();
		for (Door door : Door.values()) {
			cases.add(Arguments.of(door, "PUT", "/process-instance/{pi}/variables/accountSysId",
					Map.of("value", BOB_SYS_ID, "type", "String")));
			cases.add(Arguments.of(door, "POST", "/process-instance/{pi}/variables",
					Map.of("modifications", Map.of("accountSysId", string(BOB_SYS_ID)))));
			cases.add(Arguments.of(door, "PUT", "/execution/{pi}/localVariables/accountSysId",
					Map.of("value", BOB_SYS_ID, "type", "String")));
			cases.add(Arguments.of(door, "PUT", "/task/{task}/variables/accountSysId",
					Map.of("value", BOB_SYS_ID, "type", "String")));
			cases.add(Arguments.of(door, "POST", "/task/{task}/localVariables",
					Map.of("modifications", Map.of("approved", bool(true)))));
			cases.add(Arguments.of(door, "POST", "/task/{task}/bpmnError", Map.of("errorCode", Errors.REQUEST_REFUSED,
					"variables", Map.of("accountSysId", string(BOB_SYS_ID)))));
			cases.add(Arguments.of(door, "POST", "/message", Map.of("messageName", "anything", "processInstanceId",
					"{pi}", "processVariables", Map.of("accountSysId", string(BOB_SYS_ID)))));
			cases.add(Arguments.of(door, "POST", "/signal",
					Map.of("name", "anything", "variables", Map.of("accountSysId", string(BOB_SYS_ID)))));
			cases.add(Arguments.of(door, "POST", "/process-instance/{pi}/modification", Map.of("instructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", HAND_OVER_CREDENTIALS)))));
			cases.add(Arguments.of(door, "POST", "/process-instance/{pi}/modification/", Map.of("instructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", HAND_OVER_CREDENTIALS)))));
			cases.add(Arguments.of(door, "POST", "/process-definition/{pd}/restart",
					Map.of("processInstanceIds", List.of("{pi}"), "instructions",
							List.of(Map.of("type", "startBeforeActivity", "activityId", HAND_OVER_CREDENTIALS)))));
			cases.add(Arguments.of(door, "POST", "/process-instance/variables-async", Map.of("processInstanceIds",
					List.of("{pi}"), "variables", Map.of("accountSysId", string(BOB_SYS_ID)))));
		}
		return cases.stream();
	}

	/**
	 * Even an administrator changes no variable and moves no token except through a form.
	 */
	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("variableWrites")
	void noVariableChangesAndNoTokenMovesButThroughAForm(Door door, String method, String path,
			Map<String, Object> body) throws Exception {
		Task approval = approvalOfAliceFor("svc_atk_w" + Math.abs((door + method + path).hashCode()));
		String pi = approval.getProcessInstanceId();
		String json = JSON.writeValueAsString(body).replace("{pi}", pi);
		HttpResponse<String> write = doors.sendRaw(door, "admin", method,
				path.replace("{pi}", pi)
					.replace("{task}", approval.getId())
					.replace("{pd}", approval.getProcessDefinitionId()),
				json);

		assertThat(write.statusCode()).as(write.body()).isBetween(400, 499);
		assertThat(runtimeService.getVariable(pi, "accountSysId")).isNull();
		assertThat(taskService.getVariable(approval.getId(), "approved")).isNull();
		assertThat(
				runtimeService.createExecutionQuery().processInstanceId(pi).activityId(HAND_OVER_CREDENTIALS).count())
			.isZero();
		assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);
	}

	// --- 4. deployments, comments, statistics

	@ParameterizedTest
	@EnumSource(Door.class)
	void nobodyDeploysThroughAnApiNotEvenAnAdministrator(Door door) throws Exception {
		long before = repositoryService.createDeploymentQuery().count();
		HttpResponse<String> deploy = doors.sendRaw(door, "admin", "POST", "/deployment/create", "{}");

		assertThat(deploy.statusCode()).as(deploy.body()).isBetween(400, 499);
		assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
	}

	@ParameterizedTest
	@EnumSource(Door.class)
	void aCommentGoesOnlyOnATaskTheCallerCanSee(Door door) throws Exception {
		Task approval = approvalOfAliceFor("svc_atk_comment_" + door.ordinal());
		// alice cannot see the approval of her own request: she may not leave bob a note
		// on it either
		HttpResponse<String> comment = doors.send(door, "alice", "POST",
				"/task/" + approval.getId() + "/comment/create", Map.of("message", "approved, trust me"));

		assertThat(comment.statusCode()).as(comment.body()).isBetween(400, 499);
		assertThat(taskService.getTaskComments(approval.getId())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Door.class)
	void statisticsDoNotCountOtherPeoplesRequestsForARequester(Door door) throws Exception {
		HttpResponse<String> statistics = doors.send(door, "alice", "GET", "/process-definition/statistics", null);

		assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(403);
	}

	// --- helpers

	/** alice's request, waiting for bob's approval. */
	abstract Task approvalOfAliceFor(String account) throws Exception;

	ProcessInstance startAsAlice(String account) {
		return new RequestDriver(engine).start(account);
	}

	static Map<String, Object> request(String account) {
		return Map.of("accountUserName", string(account), "displayName", string("Attack test"), "purpose",
				string("Shows that the attack is refused"), "accountEmail", string(""), "additionalGroups", string(""));
	}

	static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	static Map<String, Object> bool(boolean value) {
		return Map.of("value", value, "type", "Boolean");
	}

}
