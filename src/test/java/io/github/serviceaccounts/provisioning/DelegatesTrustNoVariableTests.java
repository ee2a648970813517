package io.github.serviceaccounts.provisioning;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.CHECK_REQUEST;
import static io.github.serviceaccounts.request.RequestProcess.CREATE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static io.github.serviceaccounts.request.RequestProcess.REMOVE_GUI_ACCESS;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * Suppose every wall in front of the engine fell and an attacker could write any
 * variable: the steps that write to ServiceNow still take who owns the account from the
 * engine's record of who started the request, the approval from the engine's record of
 * who completed it, the password's recipient from ServiceNow, and re-read every account
 * before writing to it. The variables are changed here from trusted code in the same JVM,
 * which the engine allows, to stand for a wall that failed.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:trust-no-variable;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + DelegatesTrustNoVariableTests.SMTP_PORT,
				"camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=500" })
class DelegatesTrustNoVariableTests {

	static final int SMTP_PORT = 3927;

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	IdentityService identityService;

	@Autowired
	ManagementService managementService;

	@Autowired
	ServiceNowSimulator simulator;

	@Autowired
	org.camunda.bpm.engine.ProcessEngine engine;

	@Test
	void gettingGuiAccessRemovedFromAPersonIsRefusedWithAnIncidentNamingTheRecord() throws Exception {
		String request = new RequestDriver(engine).start("svc_trust_gui").getId();
		complete("bob", awaitTask(request, APPROVE_SERVICE_ACCOUNT), Map.of("approved", true, "approvalComment", ""));
		Task validation = awaitTask(request, VALIDATE_SERVICE_ACCOUNT);
		Map<String, String> bob = simulator.findRecord("sys_user", "user_name", "bob").orElseThrow();

		runtimeService.setVariable(request, "accountSysId", bob.get("sys_id"));
		complete("alice", validation, Map.of("validationOutcome", "callsWork"));

		Incident incident = awaitIncident(request);
		assertThat(incident.getActivityId()).isEqualTo(REMOVE_GUI_ACCESS);
		assertThat(incident.getIncidentMessage()).contains("Refused to change sys_user " + bob.get("sys_id"), "'bob'",
				"does not start with svc_", "Nothing was written");
		assertThat(managementService.createJobQuery().processInstanceId(request).singleResult().getRetries())
			.as("no retries: repeating cannot make it safe")
			.isZero();
		assertThat(simulator.findRecord("sys_user", "user_name", "bob").orElseThrow()).as("bob's record is untouched")
			.isEqualTo(bob);
	}

	@Test
	void theOneTimePasswordGoesToTheOwnersAddressInServiceNowWhateverTheVariablesSay() throws Exception {
		String request = new RequestDriver(engine).start("svc_trust_mail").getId();
		Task approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);
		runtimeService.setVariable(request, "requesterEmail", "mallory@attacker.example");
		runtimeService.setVariable(request, "requester", "carol");
		complete("bob", approval, Map.of("approved", true, "approvalComment", ""));
		awaitTask(request, VALIDATE_SERVICE_ACCOUNT);

		List<MimeMessage> passwordMails = List.of(smtp.getReceivedMessages())
			.stream()
			.filter(mail -> subject(mail).contains("svc_trust_mail") && subject(mail).contains("one-time password"))
			.toList();
		assertThat(passwordMails).singleElement()
			.satisfies(mail -> assertThat(mail.getAllRecipients()).extracting(Object::toString)
				.containsExactly("alice@example.com"));
		String aliceSysId = simulator.findRecord("sys_user", "user_name", "alice").orElseThrow().get("sys_id");
		assertThat(simulator.findRecord("sys_user", "user_name", "svc_trust_mail").orElseThrow())
			.as("owned by the engine's recorded starter, not the variable")
			.containsEntry("manager", aliceSysId);
	}

	@Test
	void noAccountIsCreatedWithoutAnApprovalByAnotherPersonOnRecord() throws Exception {
		String request = new RequestDriver(engine).start("svc_trust_approval").getId();
		Task approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);

		// Completed with approved=true, but by nobody the engine could name
		taskService.complete(approval.getId(), Map.of("approved", true, "approvalComment", ""));

		Incident incident = awaitIncident(request);
		assertThat(incident.getActivityId()).isEqualTo(CREATE_SERVICE_ACCOUNT);
		assertThat(incident.getIncidentMessage()).contains("the approval was not completed by an authenticated person");
		assertThat(simulator.findRecord("sys_user", "user_name", "svc_trust_approval")).isEmpty();
	}

	@Test
	void aRequestWithNoAuthenticatedStarterOwnsNothingWhateverItsRequesterVariableSays() throws Exception {
		Map<String, Object> fields = new java.util.HashMap<>(RequestDriver.request("svc_trust_starter"));
		fields.put("requester", "alice");
		String request = runtimeService.startProcessInstanceByKey(PROCESS_ID, fields).getId();

		Incident incident = awaitIncident(request);
		assertThat(incident.getActivityId()).isEqualTo(CHECK_REQUEST);
		assertThat(incident.getIncidentMessage()).contains("has no authenticated starter on record");
		assertThat(taskService.createTaskQuery().processInstanceId(request).count()).isZero();
	}

	// --- helpers

	Task awaitTask(String request, String key) throws InterruptedException {
		Task[] task = new Task[1];
		waitFor(key, Duration.ofSeconds(30), () -> {
			task[0] = taskService.createTaskQuery().processInstanceId(request).taskDefinitionKey(key).singleResult();
			return task[0] != null;
		});
		return task[0];
	}

	Incident awaitIncident(String request) throws InterruptedException {
		waitFor("an incident", Duration.ofSeconds(30),
				() -> runtimeService.createIncidentQuery().processInstanceId(request).count() > 0);
		return runtimeService.createIncidentQuery().processInstanceId(request).singleResult();
	}

	void complete(String user, Task task, Map<String, Object> variables) {
		identityService.setAuthentication(user, List.of("service-account-requesters"));
		try {
			taskService.complete(task.getId(), variables);
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
