package io.github.serviceaccounts.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;

import io.github.serviceaccounts.request.FakeExecution;
import io.github.serviceaccounts.request.TestSettings;

/** Who each mail goes to, and what it says about the request. */
class NotificationDelegatesTests {

	final TasklistLinks links = new TasklistLinks(TestSettings.TASKLIST_URL, new ServerProperties(), "/camunda");

	final ServiceAccountMails mails = mock(ServiceAccountMails.class);

	final IdentityService identityService = mock(IdentityService.class, RETURNS_DEEP_STUBS);

	final HistoryService historyService = mock(HistoryService.class, RETURNS_DEEP_STUBS);

	final Recipients recipients = new Recipients(identityService, historyService);

	static Map<String, Object> request() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("accountUserName", "svc_jira_sync");
		variables.put("displayName", "Jira sync");
		variables.put("purpose", "Jira Cloud creates incidents");
		variables.put("requester", "alice");
		variables.put("requesterName", "Alice Example");
		variables.put("requesterEmail", "alice@example.com");
		variables.put("managerEmail", "bob@example.com");
		variables.put("approverUserId", "bob");
		variables.put("grantedGroups", "CMDB Read Access");
		return variables;
	}

	static final RequestSummary SUMMARY = new RequestSummary("svc_jira_sync", "svc_jira_sync", "Jira sync",
			"Jira Cloud creates incidents", "alice", "Alice Example", "CMDB Read Access");

	@Test
	void liveMailGoesToOwnerAndManagerAndSaysWhetherNobodyAnswered() throws Exception {
		FakeExecution execution = new FakeExecution(request());
		execution.variables.put("validationTimedOut", true);

		new NotifyAccountLiveDelegate(mails, recipients).execute(execution.execution);

		verify(mails).accountLive(List.of("alice@example.com", "bob@example.com"), SUMMARY, true);
	}

	@Test
	void rejectionCarriesTheApproversComment() throws Exception {
		FakeExecution execution = new FakeExecution(request());
		execution.variables.put("approvalComment", "Use the existing account");

		new NotifyRequestRejectedDelegate(mails, recipients).execute(execution.execution);

		verify(mails).requestRejected("alice@example.com", SUMMARY, "Use the existing account");
	}

	@Test
	void ownerWithoutAddressIsAClearFailure() {
		Map<String, Object> variables = request();
		variables.remove("requesterEmail");

		assertThatThrownBy(() -> new NotifyAccountWithdrawnDelegate(mails, recipients)
			.execute(new FakeExecution(variables).execution))
			.hasMessageContaining("The owner alice has no e-mail address in ServiceNow");
	}

	@Test
	void reminderGoesToTheManagerOrToEveryFallbackApproverWithAnAddress() throws Exception {
		new RemindApproverDelegate(mails, recipients, links)
			.execute(new FakeExecution(request()).withOpenTask("approveServiceAccount", "task-7").execution);
		verify(mails).approvalReminder("bob@example.com", SUMMARY, TestSettings.TASKLIST_URL + "#/?task=task-7");

		User carol = mock(User.class);
		when(carol.getEmail()).thenReturn("carol@example.com");
		User noAddress = mock(User.class);
		when(identityService.createUserQuery().memberOfGroup("service-account-admins").list())
			.thenReturn(List.of(carol, noAddress));
		Map<String, Object> escalated = request();
		escalated.put("approverUserId", null);
		escalated.put("approverGroup", "service-account-admins");

		new RemindApproverDelegate(mails, recipients, links)
			.execute(new FakeExecution(escalated).withOpenTask("approveServiceAccount", "task-8").execution);

		verify(mails).approvalReminder("carol@example.com", SUMMARY, TestSettings.TASKLIST_URL + "#/?task=task-8");
		verify(mails, never()).approvalReminder(eq(null), any(), any());
	}

	@Test
	void ownerIsRemindedToValidate() throws Exception {
		new RemindOwnerDelegate(mails, recipients, links)
			.execute(new FakeExecution(request()).withOpenTask("validateServiceAccount", "task-9").execution);

		verify(mails).validationReminder("alice@example.com", SUMMARY, TestSettings.TASKLIST_URL + "#/?task=task-9");
		assertThat(RequestSummaries.of(new FakeExecution(request()).execution)).isEqualTo(SUMMARY);
	}

}
