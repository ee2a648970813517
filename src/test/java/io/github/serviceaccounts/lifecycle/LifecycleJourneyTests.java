package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.EngineRestCalls.bool;
import static io.github.serviceaccounts.EngineRestCalls.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.HttpClientErrorException;

import io.github.serviceaccounts.EngineRestCalls;
import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * An account's life over real HTTP, after a real request: the engine REST API as the
 * people use it, the embedded ServiceNow simulator as the instance, GreenMail as the mail
 * relay and the job executor running the steps. The daily sweep's word (the owner left)
 * and the passing of months (a timer) are played through the engine's Java API.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:lifecycle-journey;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + LifecycleJourneyTests.SMTP_PORT, "serviceaccounts.retry-intervals=PT1S",
				"camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=500" })
class LifecycleJourneyTests {

	static final int SMTP_PORT = 3929;

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@LocalServerPort
	int port;

	@Autowired
	ServiceNowSimulator simulator;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	EngineRestCalls rest;

	@BeforeEach
	void calls() {
		rest = new EngineRestCalls(port);
	}

	@Test
	void aLiveAccountIsGovernedAsAMachineIdentityOwnedByTheRequester() throws Exception {
		ProcessInstance lifecycle = provision("svc_governed", "");
		assertThat(runtimeService.getVariables(lifecycle.getId())).containsEntry("owner", "alice")
			.containsEntry("origin", "request")
			.containsEntry("lockedByLifecycle", false);
		assertThat(account("svc_governed")).containsEntry("identity_type", "machine")
			.containsEntry("web_service_access_only", "true")
			.doesNotContainEntry("internal_integration_user", "true");
	}

	@Test
	void whenTheOwnerLeavesTheirManagerNamesASuccessorWhoAccepts() throws Exception {
		String account = "svc_hand_over";
		ProcessInstance lifecycle = provision(account, "");
		setActive("alice", false);
		try {
			// the daily sweep finds alice inactive and tells the account's lifecycle
			runtimeService.createMessageCorrelation(LifecycleProcess.Messages.OWNER_LEFT)
				.processInstanceBusinessKey(account)
				.correlate();
			Map<String, Object> naming = rest.awaitTask(lifecycle.getId(), LifecycleProcess.NAME_NEW_OWNER);
			assertThat(naming.get("assignee")).as("alice's manager names the successor").isEqualTo("bob");
			assertThat(naming.get("name")).isEqualTo("Name new owner: svc_hand_over");
			assertThat(rest.taskVariable("bob", naming, "leaver")).isEqualTo("alice");

			// dave is inactive in ServiceNow: the check sends the naming back to bob,
			// with the reason
			rest.complete("bob", naming, Map.of("newOwner", string("dave")));
			waitFor("the naming to come back", Duration.ofSeconds(30), () -> {
				List<Map<String, Object>> open = rest.tasks(lifecycle.getId(), LifecycleProcess.NAME_NEW_OWNER);
				return !open.isEmpty() && !open.get(0).get("id").equals(naming.get("id"));
			});
			Map<String, Object> again = rest.awaitTask(lifecycle.getId(), LifecycleProcess.NAME_NEW_OWNER);
			assertThat(rest.taskVariable("bob", again, "namingRefusal"))
				.isEqualTo("New owner: dave is inactive in ServiceNow");

			rest.complete("bob", again,
					Map.of("newOwner", string("carol"), "namingComment", string("Carol runs Jira now")));
			Map<String, Object> acceptance = rest.awaitTask(lifecycle.getId(), LifecycleProcess.ACCEPT_OWNERSHIP);
			assertThat(acceptance.get("assignee")).isEqualTo("carol");
			// nobody accepts on carol's behalf, not even the one who named her
			assertThatThrownBy(() -> rest.complete("bob", acceptance, Map.of("ownershipAccepted", bool(true))))
				.isInstanceOfSatisfying(HttpClientErrorException.class,
						ex -> assertThat(ex.getStatusCode().value()).isIn(403));
			waitFor("carol's mail", Duration.ofSeconds(30),
					() -> !mailsAbout(account + ": waiting for you").stream()
						.filter(mail -> recipients(mail).contains("carol@example.com"))
						.toList()
						.isEmpty());
			rest.complete("carol", acceptance, Map.of("ownershipAccepted", bool(true)));

			waitFor("the hand-over to end", Duration.ofSeconds(60),
					() -> "carol".equals(runtimeService.getVariable(lifecycle.getId(), "owner"))
							&& runtimeService.getActiveActivityIds(lifecycle.getId())
								.contains(LifecycleProcess.AWAIT_LIFECYCLE_EVENT));
			assertThat(account(account)).containsEntry("manager", sysId("carol")).containsEntry("locked_out", "false");
			waitFor("the hand-over mail", Duration.ofSeconds(30),
					() -> !mailsAbout(account + ": new owner carol").isEmpty());
			// one mail to both (GreenMail keeps a copy per recipient)
			assertThat(mailsAbout(account + ": new owner carol")).hasSize(2)
				.allSatisfy(mail -> assertThat(recipients(mail)).containsExactlyInAnyOrder("carol@example.com",
						"bob@example.com"))
				.allSatisfy(mail -> assertThat(GreenMailUtil.getBody(mail)).contains("owned until they left"));
		}
		finally {
			setActive("alice", true);
		}
	}

	@Test
	void aReviewRemovesAGroupTheAccountNoLongerNeeds() throws Exception {
		String account = "svc_reviewed";
		ProcessInstance lifecycle = provision(account, "CMDB Read Access");
		assertThat(groupsOf(account)).containsExactlyInAnyOrder("ServiceNow Service Accounts", "CMDB Read Access");
		passTime(lifecycle, LifecycleProcess.REVIEW_DUE);

		Map<String, Object> review = rest.awaitTask(lifecycle.getId(), LifecycleProcess.REVIEW_SERVICE_ACCOUNT);
		assertThat(review.get("assignee")).isEqualTo("alice");
		assertThat(rest.taskVariable("alice", review, "accountGroups"))
			.isEqualTo("CMDB Read Access, ServiceNow Service Accounts");
		assertThat((String) rest.taskVariable("alice", review, "accountRoles")).contains("cmdb_read", "itil");
		assertThat(rest.taskVariable("alice", review, "accountAccess")).asString()
			.startsWith("web service access only: yes; identity type: machine");

		assertThatThrownBy(() -> rest.complete("alice", review,
				Map.of("reviewOutcome", string("removeGroups"), "groupsToRemove", string("Event Management"))))
			.isInstanceOfSatisfying(HttpClientErrorException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getResponseBodyAsString())
					.contains("Groups to remove: the account is not in 'Event Management'; it is in CMDB Read Access");
			});
		rest.complete("alice", review,
				Map.of("reviewOutcome", string("removeGroups"), "groupsToRemove", string("CMDB Read Access")));

		waitFor("the review to end", Duration.ofSeconds(60),
				() -> runtimeService.getActiveActivityIds(lifecycle.getId())
					.contains(LifecycleProcess.AWAIT_LIFECYCLE_EVENT));
		assertThat(groupsOf(account)).containsExactly("ServiceNow Service Accounts");
		assertThat(rolesOf(account)).containsExactlyInAnyOrder("itil", "rest_api_explorer");
		assertThat(runtimeService.getVariable(lifecycle.getId(), "lastReviewedAt")).isNotNull();
	}

	@Test
	void theOwnerRetiresTheAccountAndAfterTheGracePeriodItIsInactiveButKept() throws Exception {
		String account = "svc_retired";
		ProcessInstance lifecycle = provision(account, "CMDB Read Access");
		Map<String, Object> ask = Map.of("accountUserName", string(account), "retirementReason",
				string("The Jira sync moved to the cloud"));
		assertThatThrownBy(() -> rest.start("bob", RetireProcess.PROCESS_ID, ask))
			.isInstanceOfSatisfying(HttpClientErrorException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(403);
				assertThat(ex.getResponseBodyAsString()).contains(
						"Only the owner of svc_retired (alice) or a fallback approver can ask for its retirement");
			});
		rest.start("alice", RetireProcess.PROCESS_ID, ask);

		Map<String, Object> objection = rest.awaitTask(lifecycle.getId(), LifecycleProcess.OBJECT_TO_RETIREMENT);
		assertThat(objection.get("assignee")).isEqualTo("alice");
		assertThat(account(account)).containsEntry("locked_out", "true").containsEntry("active", "true");
		assertThatThrownBy(() -> rest.start("alice", RetireProcess.PROCESS_ID, ask)).isInstanceOfSatisfying(
				HttpClientErrorException.class,
				ex -> assertThat(ex.getResponseBodyAsString()).contains("svc_retired is being retired already"));

		passTime(lifecycle, LifecycleProcess.RETIREMENT_GRACE_OVER);
		waitFor("the lifecycle to end", Duration.ofSeconds(60),
				() -> runtimeService.createProcessInstanceQuery().processInstanceId(lifecycle.getId()).count() == 0);
		assertThat(account(account)).containsEntry("active", "false").containsEntry("locked_out", "true");
		assertThat(groupsOf(account)).containsExactly("ServiceNow Service Accounts");
		assertThat(rest.as("admin")
			.get()
			.uri("/history/activity-instance?processInstanceId={id}&activityId=serviceAccountRetired",
					lifecycle.getId())
			.retrieve()
			.body(List.class)).hasSize(1);
	}

	@Test
	void existingAccountsAreAdoptedByTheirManagerOrBySomeoneTheFallbackApproversName() throws Exception {
		provision("svc_already_governed", "");
		String group = simulator.findRecord("sys_user_group", "name", "ServiceNow Service Accounts")
			.orElseThrow()
			.get("sys_id");
		for (Map.Entry<String, String> existing : Map
			.of("svc_old_backup", "bob", "svc_old_monitor", "dave", "svc_old_export", "")
			.entrySet()) {
			Map<String, String> user = simulator.insert("sys_user",
					Map.of("user_name", existing.getKey(), "first_name", "Old", "last_name", existing.getKey(),
							"manager", existing.getValue().isEmpty() ? "" : sysId(existing.getValue()), "active",
							"true"));
			simulator.insert("sys_user_grmember", Map.of("user", user.get("sys_id"), "group", group));
		}
		// put into the group by mistake: the integration user itself is never adopted
		String integration = simulator.findRecord("sys_user", "last_name", "Provisioning Integration")
			.orElseThrow()
			.get("sys_id");
		simulator.insert("sys_user_grmember", Map.of("user", integration, "group", group));
		// a requester does not even see the process: the engine answers as if it did not
		// exist
		assertThatThrownBy(() -> rest.start("alice", AdoptionProcess.PROCESS_ID, Map.of())).isInstanceOfSatisfying(
				HttpClientErrorException.class, ex -> assertThat(ex.getStatusCode().value()).isEqualTo(404));
		String run = rest.start("carol", AdoptionProcess.PROCESS_ID,
				Map.of("adoptionNote", string("The 2019 accounts")));
		waitFor("the run to end", Duration.ofSeconds(60),
				() -> runtimeService.createProcessInstanceQuery().processInstanceId(run).count() == 0);
		assertThat(
				runtimeService.createProcessInstanceQuery().processDefinitionKey(AdoptAccountProcess.PROCESS_ID).list())
			.extracting(ProcessInstance::getBusinessKey)
			.as("every account in the group that is not governed yet, but the integration user")
			.containsExactlyInAnyOrder("svc_old_backup", "svc_old_monitor", "svc_old_export");

		// bob, svc_old_backup's manager, confirms
		String backup = adoption("svc_old_backup");
		Map<String, Object> confirmation = rest.awaitTask(backup, AdoptAccountProcess.CONFIRM_OWNERSHIP);
		assertThat(confirmation.get("assignee")).isEqualTo("bob");
		rest.complete("bob", confirmation, Map.of("ownershipConfirmed", bool(true)));
		// dave is inactive and svc_old_export has no manager: the fallback approvers name
		// someone
		for (String account : List.of("svc_old_monitor", "svc_old_export")) {
			String adoption = adoption(account);
			Map<String, Object> naming = rest.awaitTask(adoption, AdoptAccountProcess.NAME_NEW_OWNER);
			assertThat(naming.get("assignee")).isNull();
			rest.as("carol")
				.post()
				.uri("/task/{id}/claim", naming.get("id"))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.body(Map.of("userId", "carol"))
				.retrieve()
				.toBodilessEntity();
			rest.complete("carol", naming, Map.of("newOwner", string("bob")));
			Map<String, Object> acceptance = rest.awaitTask(adoption, AdoptAccountProcess.ACCEPT_OWNERSHIP);
			assertThat(acceptance.get("assignee")).isEqualTo("bob");
			rest.complete("bob", acceptance, Map.of("ownershipAccepted", bool(true)));
		}
		for (String account : List.of("svc_old_backup", "svc_old_monitor", "svc_old_export")) {
			waitFor(account + " governed", Duration.ofSeconds(60),
					() -> runtimeService.createProcessInstanceQuery()
						.processDefinitionKey(LifecycleProcess.PROCESS_ID)
						.processInstanceBusinessKey(account)
						.count() == 1);
			ProcessInstance lifecycle = runtimeService.createProcessInstanceQuery()
				.processDefinitionKey(LifecycleProcess.PROCESS_ID)
				.processInstanceBusinessKey(account)
				.singleResult();
			assertThat(runtimeService.getVariables(lifecycle.getId())).containsEntry("owner", "bob")
				.containsEntry("origin", "adoption");
			assertThat(account(account)).as(account).containsEntry("manager", sysId("bob"));
		}
	}

	@Test
	void anAccountChangedByHandInServiceNowIsAnIncidentNamingItNotASilentSuccess() throws Exception {
		String account = "svc_changed_by_hand";
		ProcessInstance lifecycle = provision(account, "");
		simulator.update("sys_user", sysId(account), Map.of("manager", sysId("carol")));
		passTime(lifecycle, LifecycleProcess.REVIEW_DUE);
		waitFor("the incident", Duration.ofSeconds(60),
				() -> runtimeService.createIncidentQuery().processInstanceId(lifecycle.getId()).count() == 1);
		org.camunda.bpm.engine.runtime.Incident incident = runtimeService.createIncidentQuery()
			.processInstanceId(lifecycle.getId())
			.singleResult();
		assertThat(incident.getActivityId()).isEqualTo(LifecycleProcess.READ_REVIEW_EVIDENCE);
		assertThat(incident.getIncidentMessage()).contains(account).contains("carol").contains("Nothing was written");
		assertThat(account(account)).containsEntry("manager", sysId("carol"));
	}

	String adoption(String account) {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(AdoptAccountProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.singleResult()
			.getId();
	}

	// --- helpers ---

	/**
	 * alice requests the account, bob approves, alice validates; the account's lifecycle.
	 */
	ProcessInstance provision(String account, String groups) throws Exception {
		String request = rest.start("alice", RequestProcess.PROCESS_ID,
				Map.of("accountUserName", string(account), "displayName", string("Integration " + account), "purpose",
						string("An integration that calls the Table API"), "accountEmail", string(""),
						"additionalGroups", string(groups)));
		rest.complete("bob", rest.awaitTask(request, RequestProcess.APPROVE_SERVICE_ACCOUNT),
				Map.of("approved", bool(true), "approvalComment", string("")));
		rest.complete("alice", rest.awaitTask(request, RequestProcess.VALIDATE_SERVICE_ACCOUNT),
				Map.of("validationOutcome", string("callsWork")));
		ProcessInstance[] lifecycle = new ProcessInstance[1];
		waitFor("the account's lifecycle", Duration.ofSeconds(60), () -> {
			lifecycle[0] = runtimeService.createProcessInstanceQuery()
				.processDefinitionKey(LifecycleProcess.PROCESS_ID)
				.processInstanceBusinessKey(account)
				.singleResult();
			return lifecycle[0] != null;
		});
		return lifecycle[0];
	}

	/** The months until a timer is due pass: its job runs now. */
	void passTime(ProcessInstance lifecycle, String timerEventId) {
		Job timer = managementService.createJobQuery()
			.processInstanceId(lifecycle.getId())
			.timers()
			.activityId(timerEventId)
			.singleResult();
		assertThat(timer).as("timer " + timerEventId).isNotNull();
		managementService.executeJob(timer.getId());
	}

	Map<String, String> account(String userName) {
		return simulator.findRecord("sys_user", "user_name", userName).orElseThrow();
	}

	String sysId(String userName) {
		return account(userName).get("sys_id");
	}

	List<String> groupsOf(String userName) {
		String user = sysId(userName);
		return simulator.records("sys_user_grmember")
			.stream()
			.filter(membership -> user.equals(membership.get("user")))
			.map(membership -> simulator.findRecord("sys_user_group", "sys_id", membership.get("group"))
				.orElseThrow()
				.get("name"))
			.toList();
	}

	List<String> rolesOf(String userName) {
		String user = sysId(userName);
		return simulator.records("sys_user_has_role")
			.stream()
			.filter(role -> user.equals(role.get("user")))
			.map(role -> simulator.findRecord("sys_user_role", "sys_id", role.get("role")).orElseThrow().get("name"))
			.distinct()
			.toList();
	}

	/** What an administrator does in ServiceNow when someone leaves (or comes back). */
	void setActive(String userName, boolean active) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/servicenow-simulator/api/now/v2/table/sys_user/"
						+ sysId(userName)))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString("integration:integration".getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"active\":\"" + active + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static List<MimeMessage> mailsAbout(String subjectPart) {
		try {
			List<MimeMessage> found = new java.util.ArrayList<>();
			for (MimeMessage mail : smtp.getReceivedMessages()) {
				if (mail.getSubject().contains(subjectPart)) {
					found.add(mail);
				}
			}
			return found;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> recipients(MimeMessage mail) {
		try {
			return java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
