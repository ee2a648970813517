package io.github.serviceaccounts.engine;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static io.github.serviceaccounts.request.RequestProcess.CREATE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.REVISE_REQUEST;
import static io.github.serviceaccounts.request.RequestProcess.SERVICE_ACCOUNT_PROVISIONED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mail.MailSendException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.web.client.RestClient;

import io.github.serviceaccounts.Await;
import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.notification.Mailer;
import io.github.serviceaccounts.simulator.Fault;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * What an operator sees: retries that run out end in an incident whose message names the
 * step, the account and ServiceNow's error; once the fault clears, retrying the job
 * (Cockpit's "Retry") finishes the instance. A name taken between the check and the
 * creation is a business refusal.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which
// only one application context at a time may hold.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:incidents;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "serviceaccounts.retry-intervals=PT1S,PT1S",
				// The 503s below answer writes, so each attempt waits this long after the
				// one before.
				"servicenow.write-settle-time=2s", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class IncidentAndRefusalTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	@MockitoSpyBean
	Mailer mailer;

	@LocalServerPort
	int port;

	RequestDriver people;

	@BeforeEach
	void freshInstance() {
		simulator.reset();
		people = new RequestDriver(engine);
	}

	@Test
	void aMailThatCannotBeSentIsRetriedThenAnIncidentOnTheRequestWhileTheApprovalGoesOn() throws Exception {
		doThrow(new MailSendException("Mail server connection failed")).when(mailer)
			.send(argThat(mail -> mail.subject().equals("Service account svc_mail_down: approval needed")));
		ProcessInstance request = people.start("svc_mail_down");

		Incident[] found = new Incident[1];
		Await.waitFor("the mail's incident", Duration.ofSeconds(60),
				() -> (found[0] = engine.getRuntimeService()
					.createIncidentQuery()
					.processInstanceId(request.getId())
					.singleResult()) != null);
		Job job = engine.getManagementService().createJobQuery().jobId(found[0].getConfiguration()).singleResult();
		assertThat(job.getRetries()).isZero();
		assertThat(found[0].getIncidentMessage()).contains("Mail server connection failed");
		// tried once and then once per retry interval (PT1S,PT1S)
		verify(mailer, times(3)).send(argThat(mail -> mail.subject().endsWith("svc_mail_down: approval needed")));
		// the approval does not wait for the mail
		Task approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);
		assertThat(approval.getAssignee()).isEqualTo("bob");

		reset(mailer);
		engine.getManagementService().setJobRetries(job.getId(), 1);
		Await.waitFor("the mail, once the server is back", Duration.ofSeconds(30),
				() -> engine.getManagementService().createJobQuery().jobId(job.getId()).count() == 0);
		verify(mailer).send(argThat(mail -> mail.subject().equals("Service account svc_mail_down: approval needed")
				&& mail.text().contains("#/?task=" + approval.getId())));
		assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(request.getId()).count())
			.isZero();
	}

	@Test
	void aGroupsApprovalMailsEachApproverOnceEvenWhenOneAddressFailsAndNeverTheRequester() throws Exception {
		IdentityService identity = engine.getIdentityService();
		String started = null;
		for (String id : List.of("dora", "erin")) {
			User user = identity.newUser(id);
			user.setFirstName(id);
			user.setLastName("Admin");
			user.setEmail(id + "@example.com");
			user.setPassword("not-used-here");
			identity.saveUser(user);
			identity.createMembership(id, "service-account-admins");
		}
		try {
			doThrow(new MailSendException("Mailbox erin@example.com unavailable")).when(mailer)
				.send(argThat(mail -> mail.to().contains("erin@example.com")));
			// carol has no manager: her request goes to the fallback group, which she is
			// in
			identity.setAuthentication("carol", List.of("service-account-requesters", "service-account-admins"));
			ProcessInstance request;
			try {
				request = engine.getRuntimeService()
					.startProcessInstanceByKey(PROCESS_ID, RequestDriver.request("svc_group_mail"));
			}
			finally {
				identity.clearAuthentication();
			}
			started = request.getId();

			Await.waitFor("erin's mail to give up", Duration.ofSeconds(60),
					() -> engine.getRuntimeService()
						.createIncidentQuery()
						.processInstanceId(request.getId())
						.count() == 1);
			verify(mailer, times(1)).send(argThat(mail -> mail.to().equals(List.of("dora@example.com"))
					&& mail.subject().equals("Service account svc_group_mail: approval needed")));
			verify(mailer, times(3)).send(argThat(mail -> mail.to().equals(List.of("erin@example.com"))));
			verify(mailer, never()).send(argThat(mail -> mail.to().contains("carol@example.com")));
		}
		finally {
			reset(mailer);
			if (started != null) {
				// Its approval is the group's; the other tests complete open approvals as
				// bob.
				engine.getRuntimeService().deleteProcessInstance(started, "test over");
			}
			for (String id : List.of("dora", "erin")) {
				identity.deleteMembership(id, "service-account-admins");
				identity.deleteUser(id);
			}
		}
	}

	@Test
	void exhaustedRetriesRaiseAClearIncidentAndARetryAfterTheFaultClearsFinishesTheInstance() throws Exception {
		simulator.faults().failNext(1000, Fault.SERVICE_UNAVAILABLE, "POST", "sys_user");
		ProcessInstance request = people.start("svc_outage");

		Incident incident = awaitIncident(request, Duration.ofSeconds(60));

		assertThat(incident.getActivityId()).isEqualTo(CREATE_SERVICE_ACCOUNT);
		assertThat(incident.getIncidentMessage()).startsWith("\"Create service account\" failed for svc_outage: ")
			.contains("POST sys_user")
			.contains("503")
			.doesNotContain("integration:", "Authorization", "Basic ");
		assertThat(simulator.successfulInserts("sys_user")).isZero();

		simulator.faults().clear();
		engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);

		people.playUntil("svc_outage provisioned", Duration.ofSeconds(60), () -> isEnded(request));
		assertThat(engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(request.getId())
			.activityId(SERVICE_ACCOUNT_PROVISIONED)
			.count()).isEqualTo(1);
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
	}

	@Test
	void nameTakenBetweenTheCheckAndTheCreationGoesBackToTheRequesterNotToAnIncident() throws Exception {
		ProcessInstance request = people.start("svc_contested");
		Task approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);
		// Somebody else creates the name in ServiceNow while the manager is still
		// deciding.
		RestClient.builder()
			.baseUrl("http://localhost:" + port + "/servicenow-simulator")
			.defaultHeaders(headers -> headers.setBasicAuth("integration", "integration"))
			.build()
			.post()
			.uri("/api/now/v2/table/sys_user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("user_name", "svc_contested", "first_name", "Someone else's"))
			.retrieve()
			.toBodilessEntity();

		engine.getIdentityService().setAuthentication("bob", java.util.List.of());
		engine.getTaskService().complete(approval.getId(), Map.of("approved", true, "approvalComment", ""));
		engine.getIdentityService().clearAuthentication();

		Task revision = awaitTask(request, REVISE_REQUEST);
		assertThat(revision.getAssignee()).isEqualTo("alice");
		assertThat(engine.getRuntimeService().getVariable(request.getId(), "refusalReason")).asString()
			.contains("Account user name: 'svc_contested' was taken in ServiceNow by another account");
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
	}

	Incident awaitIncident(ProcessInstance request, Duration deadline) throws InterruptedException {
		Incident[] found = new Incident[1];
		people.playUntil("an incident", deadline,
				() -> (found[0] = engine.getRuntimeService()
					.createIncidentQuery()
					.processInstanceId(request.getId())
					.singleResult()) != null);
		return found[0];
	}

	Task awaitTask(ProcessInstance request, String key) throws InterruptedException {
		Task[] found = new Task[1];
		long deadline = System.currentTimeMillis() + 30_000;
		while ((found[0] = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(request.getId())
			.taskDefinitionKey(key)
			.singleResult()) == null) {
			assertThat(System.currentTimeMillis()).as("waiting for " + key).isLessThan(deadline);
			Thread.sleep(100);
		}
		return found[0];
	}

	boolean isEnded(ProcessInstance request) {
		return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(request.getId()).count() == 0;
	}

}
