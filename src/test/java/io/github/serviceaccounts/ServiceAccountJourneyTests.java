package io.github.serviceaccounts;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVAL_ESCALATION_DUE;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.REVISE_REQUEST;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * The whole journey over real HTTP: the engine REST API as the people would use it, the
 * embedded ServiceNow simulator as the instance, a GreenMail SMTP server as the mail
 * relay, and the job executor running the service tasks.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which
// only one application context at a time may hold.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:journey;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + ServiceAccountJourneyTests.SMTP_PORT, "serviceaccounts.retry-intervals=PT1S",
				"camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=500" })
class ServiceAccountJourneyTests {

	static final int SMTP_PORT = 3925;
	static final String ACCOUNT = "svc_jira_sync";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@LocalServerPort
	int port;

	@Autowired
	ServiceNowSimulator simulator;

	@Autowired
	ManagementService managementService;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Test
	void requestApprovedAndValidatedEndsWithAWebServiceOnlyAccountOwnedByTheRequester() throws Exception {
		String instanceId = (String) as("alice").post()
			.uri("/process-definition/key/serviceAccountRequest/start")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables",
					Map.of("accountUserName", string(ACCOUNT), "displayName", string("Jira sync"), "purpose",
							string("Jira Cloud creates and updates incidents through the Table API"), "accountEmail",
							string(""), "additionalGroups", string(""))))
			.retrieve()
			.body(Map.class)
			.get("id");

		Map<String, Object> approval = awaitTask(instanceId, APPROVE_SERVICE_ACCOUNT);
		assertThat(approval.get("assignee")).isEqualTo("bob");
		assertThat(approval.get("name")).isEqualTo("Approve service account: svc_jira_sync for Alice Example");
		// The approver sees who asks, who they report to, and the access the account
		// gets.
		assertThat(taskVariable("bob", approval, "requesterName")).isEqualTo("Alice Example");
		assertThat(taskVariable("bob", approval, "requesterManager")).isEqualTo("Bob Manager (bob)");
		assertThat(taskVariable("bob", approval, "requestedAccess"))
			.isEqualTo("ServiceNow Service Accounts: itil, rest_api_explorer");
		// The approver is told, with a link that opens this very task.
		String taskLink = "http://localhost:" + port + "/camunda/app/tasklist/#/?task=" + approval.get("id");
		waitFor("the approver's mail", Duration.ofSeconds(30),
				() -> !mailsAboutQuietly(ACCOUNT + ": approval needed").isEmpty());
		assertThat(mailsAbout(ACCOUNT + ": approval needed")).singleElement().satisfies(mail -> {
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("bob@example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains(taskLink);
		});
		complete("bob", approval, Map.of("approved", bool(true), "approvalComment", string("Go ahead")));

		Map<String, Object> validation = awaitTask(instanceId, VALIDATE_SERVICE_ACCOUNT);
		assertThat(validation.get("assignee")).isEqualTo("alice");
		assertThat(variable("alice", instanceId, "accountRoles")).isEqualTo("itil, rest_api_explorer");
		complete("alice", validation, Map.of("validationOutcome", string("callsWork")));

		waitFor("the instance to end", Duration.ofSeconds(60),
				() -> "COMPLETED".equals(as("admin").get()
					.uri("/history/process-instance/{id}", instanceId)
					.retrieve()
					.body(Map.class)
					.get("state")));
		Map<?, ?> history = as("admin").get()
			.uri("/history/process-instance/{id}", instanceId)
			.retrieve()
			.body(Map.class);
		assertThat(history.get("businessKey")).isEqualTo(ACCOUNT);
		assertThat(as("admin").get()
			.uri("/history/activity-instance?processInstanceId={id}&activityId=serviceAccountProvisioned", instanceId)
			.retrieve()
			.body(List.class)).hasSize(1);

		// ServiceNow: exactly one account, owned by alice, in the group, with its roles,
		// web services only
		String aliceSysId = simulator.findRecord("sys_user", "user_name", "alice").orElseThrow().get("sys_id");
		Map<String, String> account = simulator.findRecord("sys_user", "user_name", ACCOUNT).orElseThrow();
		assertThat(simulator.records("sys_user")).filteredOn(user -> ACCOUNT.equals(user.get("user_name"))).hasSize(1);
		assertThat(account).containsEntry("manager", aliceSysId)
			.containsEntry("active", "true")
			.containsEntry("web_service_access_only", "true")
			.containsEntry("password_needs_reset", "true");
		assertThat(simulator.passwordWorks(ACCOUNT)).isTrue();
		String groupSysId = simulator.findRecord("sys_user_group", "name", "ServiceNow Service Accounts")
			.orElseThrow()
			.get("sys_id");
		assertThat(simulator.records("sys_user_grmember")).filteredOn(m -> m.get("user").equals(account.get("sys_id")))
			.singleElement()
			.satisfies(m -> assertThat(m.get("group")).isEqualTo(groupSysId));
		assertThat(simulator.records("sys_user_has_role")).filteredOn(r -> r.get("user").equals(account.get("sys_id")))
			.allSatisfy(r -> assertThat(r.get("inherited")).isEqualTo("true"))
			.extracting(r -> roleName(r.get("role")))
			.containsExactlyInAnyOrder("itil", "rest_api_explorer");

		// Mail: the requester hears of the approval, with the approver's comment
		assertThat(mailsAbout(ACCOUNT + ": request approved")).singleElement().satisfies(mail -> {
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains("Go ahead");
		});
		// Mail: the password to the owner only, then "live" to owner and manager
		// (GreenMail keeps one copy of a message per recipient)
		List<MimeMessage> credentials = mailsAbout(ACCOUNT + ": your one-time password");
		assertThat(credentials).singleElement().satisfies(mail -> {
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
			// The simulator's REST API Explorer, on the port the server took
			// (server.port=0)
			assertThat(GreenMailUtil.getBody(mail))
				.contains("http://localhost:" + port + "/servicenow-simulator/$restapi.do");
		});
		List<MimeMessage> live = mailsAbout(ACCOUNT + " is live");
		assertThat(live).hasSize(2);
		assertThat(live.get(0).getAllRecipients()).extracting(Object::toString)
			.containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
	}

	@Test
	void aNameTakenInServiceNowComesBackForRevisionAndTheRequesterIsToldWhy() throws Exception {
		RestClient.builder()
			.baseUrl("http://localhost:" + port + "/servicenow-simulator/api/now/table/sys_user")
			.defaultHeaders(headers -> headers.setBasicAuth("integration", "integration"))
			.build()
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("user_name", "svc_taken_name", "first_name", "Taken"))
			.retrieve()
			.toBodilessEntity();
		String instanceId = start("alice", "svc_taken_name");

		Map<String, Object> revision = awaitTask(instanceId, REVISE_REQUEST);
		assertThat(revision.get("assignee")).isEqualTo("alice");
		waitFor("the requester's mail", Duration.ofSeconds(30),
				() -> mailsAboutQuietly("please revise your request").size() == 1);
		assertThat(mailsAbout("please revise your request")).singleElement().satisfies(mail -> {
			assertThat(mail.getSubject()).isEqualTo("Service account svc_taken_name: please revise your request");
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains("is already taken in ServiceNow",
					"/camunda/app/tasklist/#/?task=" + revision.get("id"));
		});
	}

	@Test
	void anApprovalLeftTooLongGoesToTheFallbackApproversWhoAreToldWithALinkToIt() throws Exception {
		String instanceId = start("alice", "svc_escalated");
		Map<String, Object> first = awaitTask(instanceId, APPROVE_SERVICE_ACCOUNT);
		String escalation = managementService.createJobQuery()
			.processInstanceId(instanceId)
			.activityId(APPROVAL_ESCALATION_DUE)
			.singleResult()
			.getId();

		managementService.executeJob(escalation);

		Map<String, Object>[] second = new Map[1];
		waitFor("the escalated approval", Duration.ofSeconds(30), () -> {
			second[0] = awaitTaskQuietly(instanceId, APPROVE_SERVICE_ACCOUNT);
			return second[0] != null && !second[0].get("id").equals(first.get("id"));
		});
		waitFor("the fallback approvers' mail", Duration.ofSeconds(30),
				() -> mailsAboutQuietly("svc_escalated: approval passed to you").size() == 1);
		assertThat(mailsAbout("svc_escalated: approval passed to you")).singleElement().satisfies(mail -> {
			// carol is the one member of service-account-admins
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("carol@example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains("/camunda/app/tasklist/#/?task=" + second[0].get("id"));
		});
		// the first approval's own mail went to bob, with a link to the first task
		assertThat(mailsAbout("svc_escalated: approval needed")).singleElement()
			.satisfies(mail -> assertThat(GreenMailUtil.getBody(mail))
				.contains("/camunda/app/tasklist/#/?task=" + first.get("id")));
	}

	@Test
	void theTasksOfAnyProcessDeployedLaterNameTheAccountTheyAreAbout() {
		repositoryService.createDeployment()
			.addModelInstance("otherProcess.bpmn",
					Bpmn.createExecutableProcess("otherProcess")
						.camundaHistoryTimeToLive(1)
						.startEvent()
						.userTask("reviewAccount")
						.name("Review account")
						.endEvent()
						.done())
			.deploy();
		String instanceId = runtimeService
			.startProcessInstanceByKey("otherProcess",
					Map.of("accountUserName", "svc_other", "requester", "alice", "requesterName", "Alice\nExample"))
			.getId();
		String unnamed = runtimeService.startProcessInstanceByKey("otherProcess").getId();

		assertThat(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getName())
			.isEqualTo("Review account: svc_other for Alice Example");
		assertThat(taskService.createTaskQuery().processInstanceId(unnamed).singleResult().getName())
			.isEqualTo("Review account");
	}

	@Test
	void engineRestApiRefusesAnonymousAndWrongCredentials() {
		RestClient anonymous = RestClient.create("http://localhost:" + port + "/engine-rest");
		assertThat((int) anonymous.get().uri("/task").exchange((request, response) -> response.getStatusCode().value()))
			.isEqualTo(HttpStatus.UNAUTHORIZED.value());
		RestClient wrong = RestClient.builder()
			.baseUrl("http://localhost:" + port + "/engine-rest")
			// carol: a failed login throttles that user's next logins for a few seconds
			.defaultHeaders(headers -> headers.setBasicAuth("carol", "wrong"))
			.build();
		assertThat((int) wrong.get().uri("/task").exchange((request, response) -> response.getStatusCode().value()))
			.isEqualTo(HttpStatus.UNAUTHORIZED.value());
	}

	// --- helpers

	String start(String user, String accountName) {
		return (String) as(user).post()
			.uri("/process-definition/key/serviceAccountRequest/start")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables",
					Map.of("accountUserName", string(accountName), "displayName", string("Journey"), "purpose",
							string("Reads incidents for the journey test"), "accountEmail", string(""),
							"additionalGroups", string(""))))
			.retrieve()
			.body(Map.class)
			.get("id");
	}

	Map<String, Object> awaitTaskQuietly(String instanceId, String taskKey) {
		List<Map<String, Object>> found = as("admin").get()
			.uri("/task?processInstanceId={id}&taskDefinitionKey={key}", instanceId, taskKey)
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		return found == null || found.isEmpty() ? null : found.get(0);
	}

	static List<MimeMessage> mailsAboutQuietly(String subjectPart) {
		try {
			return mailsAbout(subjectPart);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	RestClient as(String user) {
		return RestClient.builder()
			.requestFactory(new SimpleClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port + "/engine-rest")
			.defaultHeaders(headers -> headers.setBasicAuth(user, "demo"))
			.build();
	}

	static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	static Map<String, Object> bool(boolean value) {
		return Map.of("value", value, "type", "Boolean");
	}

	Map<String, Object> awaitTask(String instanceId, String taskKey) throws InterruptedException {
		List<Map<String, Object>>[] found = new List[1];
		waitFor("task " + taskKey, Duration.ofSeconds(60), () -> {
			found[0] = as("admin").get()
				.uri("/task?processInstanceId={id}&taskDefinitionKey={key}", instanceId, taskKey)
				.retrieve()
				.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				});
			return !found[0].isEmpty();
		});
		return found[0].get(0);
	}

	void complete(String user, Map<String, Object> task, Map<String, Object> variables) {
		as(user).post()
			.uri("/task/{id}/complete", task.get("id"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables", variables))
			.retrieve()
			.toBodilessEntity();
	}

	Object taskVariable(String user, Map<String, Object> task, String name) {
		return as(user).get()
			.uri("/task/{id}/variables/{name}", task.get("id"), name)
			.retrieve()
			.body(Map.class)
			.get("value");
	}

	Object variable(String user, String instanceId, String name) {
		return as(user).get()
			.uri("/process-instance/{id}/variables/{name}", instanceId, name)
			.retrieve()
			.body(Map.class)
			.get("value");
	}

	String roleName(String roleSysId) {
		return simulator.findRecord("sys_user_role", "sys_id", roleSysId).orElseThrow().get("name");
	}

	static List<MimeMessage> mailsAbout(String subjectPart) throws Exception {
		List<MimeMessage> result = new java.util.ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			if (mail.getSubject().contains(subjectPart)) {
				result.add(mail);
			}
		}
		return result;
	}

}
