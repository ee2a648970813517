package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.security.EngineDoors;
import io.github.serviceaccounts.security.EngineDoors.Door;

/**
 * A person's mistake at a form, as Tasklist and an integration see it: at every door and
 * route to a start or a completion, the answer is 400 and its {@code message} is exactly
 * the plain sentence Tasklist shows (the field as its form labels it, and the rule), with
 * no engine code, class name or id. The log gets one INFO line and no stack trace; ERROR
 * stays for the application's own failures.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which only one application context at a time may hold.
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:refusals;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class RefusalsInPlainWordsTests {

	static final String NO_PREFIX = "Account user name: must start with 'svc_', the prefix of every service account "
			+ "name here (for example svc_jira_sync).";

	static final String NO_REASON = "Comment: is required when you reject.";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	static String approval;

	static Stream<Arguments> startRoutes() {
		List<Arguments> routes = new ArrayList<>();
		for (Door door : Door.values()) {
			// the plain start of a catalog item, and the start form as Tasklist sends
			// it: by the definition's id, values without types
			routes.add(Arguments.of(door, "/process-definition/key/" + PROCESS_ID + "/start", true));
			routes.add(Arguments.of(door, "/process-definition/key/" + PROCESS_ID + "/submit-form", true));
			routes.add(Arguments.of(door, "/process-definition/{id}/submit-form", false));
		}
		return routes.stream();
	}

	static Stream<Arguments> completionRoutes() {
		List<Arguments> routes = new ArrayList<>();
		for (Door door : Door.values()) {
			routes.add(Arguments.of(door, "/task/{id}/complete"));
			routes.add(Arguments.of(door, "/task/{id}/submit-form"));
		}
		return routes.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("startRoutes")
	void aBrokenRuleAtTheStartAnswers400WithTheFieldAsTheFormLabelsItAndTheRule(Door door, String route, boolean typed)
			throws Exception {
		String definition = engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS_ID)
			.latestVersion()
			.singleResult()
			.getId();
		Map<String, Object> variables = new HashMap<>();
		variables.put("accountUserName", value("jira_sync", typed));
		variables.put("displayName", value("Jira sync", typed));
		variables.put("purpose", value("Jira Cloud creates incidents in ServiceNow", typed));

		HttpResponse<String> answer = doors().send(door, "alice", "POST", route.replace("{id}", definition),
				Map.of("variables", variables));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(message(answer)).isEqualTo(NO_PREFIX);
		assertPlain(message(answer), definition, "accountUserName");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("completionRoutes")
	void aRejectionWithoutACommentAnswers400WithTheFieldAsTheFormLabelsIt(Door door, String route) throws Exception {
		Task task = approval();

		HttpResponse<String> answer = doors().send(door, "bob", "POST", route.replace("{id}", task.getId()), Map
			.of("variables", Map.of("approved", Map.of("value", false), "approvalComment", Map.of("value", ""))));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(message(answer)).isEqualTo(NO_REASON);
		assertPlain(message(answer), task.getId(), task.getProcessInstanceId(), task.getExecutionId(),
				"approvalComment");
		assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count())
			.as("the approval is still open")
			.isOne();
	}

	@Test
	void aRefusedCompletionLogsOneInfoLineAndNoErrorNorStackTrace(CapturedOutput output) throws Exception {
		Task task = approval();
		int before = output.getAll().length();

		HttpResponse<String> answer = doors().send(Door.WEB_APPS, "bob", "POST",
				"/task/" + task.getId() + "/submit-form", Map.of("variables",
						Map.of("approved", Map.of("value", false), "approvalComment", Map.of("value", " "))));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		List<String> logged = output.getAll().substring(before).lines().toList();
		assertThat(logged).filteredOn(line -> line.contains("refused: ")).singleElement().satisfies(line -> {
			assertThat(line).contains(" INFO ")
				.endsWith("refused: " + NO_REASON + " (form approveServiceAccount, user bob)");
		});
		assertThat(logged).as("log lines of the refused completion")
			.noneMatch(line -> line.contains(" ERROR "))
			.noneMatch(line -> line.contains("ENGINE-"))
			.noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
	}

	@Test
	void theEnginesOwnRefusalOfAValueTheFormDoesNotTakeIsPlainToo(CapturedOutput output) throws Exception {
		Task task = approval();
		int before = output.getAll().length();

		for (Door door : Door.values()) {
			HttpResponse<String> answer = doors().send(door, "bob", "POST", "/task/" + task.getId() + "/complete",
					Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"), "accountSysId",
							Map.of("value", "0123456789abcdef0123456789abcdef", "type", "String"))));

			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
			assertThat(message(answer)).isEqualTo(
					"Only the fields of this form can be sent (Approve, Comment); one value sent is not one of them.");
			assertPlain(message(answer), task.getId(), task.getProcessInstanceId(), "accountSysId", "Guard");
		}
		assertThat(output.getAll().substring(before).lines())
			.filteredOn(line -> line.contains("Refused CompleteTaskCmd"))
			.hasSize(2)
			.allSatisfy(line -> assertThat(line).contains(" WARN ").contains("accountSysId"));
		assertThat(output.getAll().substring(before).lines()).noneMatch(line -> line.contains(" ERROR "))
			.noneMatch(line -> line.startsWith("\tat "));
	}

	/**
	 * No engine code, Java exception, UUID or given id, and none of the given names of
	 * variables or classes.
	 */
	static void assertPlain(String message, String... absent) {
		assertThat(message).doesNotContain("ENGINE-")
			.doesNotContain("Exception")
			.doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-")
			.doesNotContain(absent);
	}

	/**
	 * The approval of one request by alice, waiting for bob; every refusal leaves it
	 * open.
	 */
	Task approval() throws InterruptedException {
		if (approval == null) {
			approval = new RequestDriver(engine).start("svc_refusal_probe").getId();
			waitFor("the approval", Duration.ofSeconds(30),
					() -> engine.getTaskService()
						.createTaskQuery()
						.processInstanceId(approval)
						.taskDefinitionKey(APPROVE_SERVICE_ACCOUNT)
						.count() == 1);
		}
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(approval)
			.taskDefinitionKey(APPROVE_SERVICE_ACCOUNT)
			.singleResult();
	}

	EngineDoors doors() {
		return new EngineDoors(port, "demo");
	}

	static Map<String, Object> value(String text, boolean typed) {
		return typed ? Map.of("value", text, "type", "String") : Map.of("value", text);
	}

	static String message(HttpResponse<String> answer) throws Exception {
		return EngineDoors.JSON.readTree(answer.body()).path("message").asText();
	}

}
