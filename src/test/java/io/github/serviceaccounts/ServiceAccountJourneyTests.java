package io.github.serviceaccounts;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

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
		complete("bob", approval, Map.of("approved", bool(true), "approvalComment", string("")));

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
		assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
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

		// Mail: the password to the owner only, then "live" to owner and manager
		// (GreenMail keeps one copy of a message per recipient)
		List<MimeMessage> credentials = mailsAbout("one-time password");
		assertThat(credentials).singleElement().satisfies(mail -> {
			assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
			// The simulator's REST API Explorer, on the port the server took
			// (server.port=0)
			assertThat(GreenMailUtil.getBody(mail))
				.contains("http://localhost:" + port + "/servicenow-simulator/$restapi.do");
		});
		List<MimeMessage> live = mailsAbout("is live");
		assertThat(live).hasSize(2);
		assertThat(live.get(0).getAllRecipients()).extracting(Object::toString)
			.containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
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
