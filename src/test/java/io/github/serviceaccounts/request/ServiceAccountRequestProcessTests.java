package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestProcess.*;
import static io.github.serviceaccounts.request.RequestVariables.*;
// variables that share their name with an element of the model
import static io.github.serviceaccounts.request.RequestVariables.NEED_MORE_ACCESS;
import static io.github.serviceaccounts.request.RequestVariables.READ_EVIDENCE_AGAIN;
import static io.github.serviceaccounts.request.RequestVariables.VALIDATION_OUTCOME;
import static io.github.serviceaccounts.request.RequestVariables.VALIDATION_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code serviceAccountRequest}, read like the model: the service tasks are
 * mocks (their classes have tests of their own); the listeners that guard user input and
 * segregation of duties are the real ones.
 */
@Deployment(resources = { "processes/serviceAccountRequest.bpmn", "forms/requestServiceAccount.form",
		"forms/reviseRequest.form", "forms/approveServiceAccount.form", "forms/validateServiceAccount.form" })
class ServiceAccountRequestProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		// Not camunda.cfg.xml: ProcessEngines.init() would find that name on the
		// classpath and
		// register a second "default" engine next to the Spring Boot application's.
		.configurationResource("process-tests.camunda.cfg.xml")
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final String ACCOUNT = "svc_jira_sync";
	static final String ALICE_SYS_ID = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
	static final String ACCOUNT_SYS_ID_VALUE = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";

	// service tasks
	final JavaDelegate checkRequest = mock(JavaDelegate.class);

	final JavaDelegate createServiceAccount = mock(JavaDelegate.class);

	final JavaDelegate addAccountToGroups = mock(JavaDelegate.class);

	final JavaDelegate handOverCredentials = mock(JavaDelegate.class);

	final JavaDelegate removeGuiAccess = mock(JavaDelegate.class);

	final JavaDelegate deactivateServiceAccount = mock(JavaDelegate.class);

	final JavaDelegate notifyRequestRejected = mock(JavaDelegate.class);

	final JavaDelegate notifyMoreAccessRefused = mock(JavaDelegate.class);

	final JavaDelegate notifyAccountLive = mock(JavaDelegate.class);

	final JavaDelegate governAccount = mock(JavaDelegate.class);

	final JavaDelegate notifyAccountWithdrawn = mock(JavaDelegate.class);

	final JavaDelegate remindApprover = mock(JavaDelegate.class);

	final JavaDelegate remindOwner = mock(JavaDelegate.class);

	final JavaDelegate readValidationEvidence = mock(JavaDelegate.class);

	// hand-off mails (scheduled by a task listener; the listener has tests of its own)
	final TaskListener handOffMails = mock(TaskListener.class);

	final ServiceAccountsProperties properties = TestSettings.PROPERTIES;

	@BeforeEach
	void registerBeans() throws Exception {
		RequestRules rules = new RequestRules(properties);
		ProcessTimers timers = new ProcessTimers(properties);
		Mocks.register("processTimers", timers);
		Mocks.register("retryPolicy", new RetryPolicy(properties));
		OpenRequests openRequests = new EngineOpenRequests(runtimeService());
		Mocks.register("requestStartListener", new RequestStartListener(rules, openRequests));
		Mocks.register("approverAssignmentListener", new ApproverAssignmentListener(timers, properties));
		Mocks.register("segregationOfDutiesListener", new SegregationOfDutiesListener());
		Mocks.register("approvalInputListener", new ApprovalInputListener());
		Mocks.register("revisionInputListener", new RevisionInputListener(rules, openRequests));
		Mocks.register("validationInputListener", new ValidationInputListener(rules));
		Mocks.register("moreAccessRequestedListener", new MoreAccessRequestedListener());
		Mocks.register("validationTimedOutListener", new ValidationTimedOutListener());
		Mocks.register("escalateApprovalDelegate", new EscalateApprovalDelegate(properties));
		Mocks.register("checkRequestDelegate", checkRequest);
		Mocks.register("createServiceAccountDelegate", createServiceAccount);
		Mocks.register("addAccountToGroupsDelegate", addAccountToGroups);
		Mocks.register("handOverCredentialsDelegate", handOverCredentials);
		Mocks.register("removeGuiAccessDelegate", removeGuiAccess);
		Mocks.register("deactivateServiceAccountDelegate", deactivateServiceAccount);
		Mocks.register("notifyRequestRejectedDelegate", notifyRequestRejected);
		Mocks.register("notifyMoreAccessRefusedDelegate", notifyMoreAccessRefused);
		Mocks.register("notifyAccountLiveDelegate", notifyAccountLive);
		Mocks.register("governAccountDelegate", governAccount);
		Mocks.register("notifyAccountWithdrawnDelegate", notifyAccountWithdrawn);
		Mocks.register("remindApproverDelegate", remindApprover);
		Mocks.register("remindOwnerDelegate", remindOwner);
		Mocks.register("readValidationEvidenceDelegate", readValidationEvidence);
		Mocks.register("handOffMailListener", handOffMails);
		checkAcceptsWithApprover("bob");
		doAnswer(call -> {
			ACCOUNT_SYS_ID.set(call.<DelegateExecution>getArgument(0), ACCOUNT_SYS_ID_VALUE);
			return null;
		}).when(createServiceAccount).execute(any());
	}

	@AfterEach
	void cleanUp() {
		Mocks.reset();
		ClockUtil.reset();
		identityService().clearAuthentication();
	}

	@Test
	void approvedRequestIsProvisionedAndEndsWithGuiAccessRemoved() {
		ProcessInstance request = startRequest(validRequest());
		assertThat(request).hasBusinessKey(ACCOUNT);

		runServiceTasks(request);
		assertThat(request).isWaitingAt(APPROVE_SERVICE_ACCOUNT);
		assertThat(task(request)).isAssignedTo("bob");

		complete(task(request), approve());
		runServiceTasks(request);
		assertThat(request).isWaitingAt(VALIDATE_SERVICE_ACCOUNT);
		assertThat(task(request)).isAssignedTo("alice");

		complete(task(request), answer(CALLS_WORK));
		runServiceTasks(request);

		assertThat(request).isEnded()
			.hasPassedInOrder(CHECK_REQUEST, APPROVE_SERVICE_ACCOUNT, CREATE_SERVICE_ACCOUNT, ADD_ACCOUNT_TO_GROUPS,
					HAND_OVER_CREDENTIALS, VALIDATE_SERVICE_ACCOUNT, REMOVE_GUI_ACCESS, NOTIFY_ACCOUNT_LIVE,
					GOVERN_ACCOUNT, SERVICE_ACCOUNT_PROVISIONED);
		assertThat(request).hasNotPassed(DEACTIVATE_SERVICE_ACCOUNT, NOTIFY_REQUEST_REJECTED);
	}

	@Test
	void rejectedRequestNotifiesRequesterAndCreatesNothing() throws Exception {
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);

		complete(task(request), reject("Use the existing integration account"));
		runServiceTasks(request);

		assertThat(request).isEnded()
			.hasPassed(NOTIFY_REQUEST_REJECTED, REQUEST_REJECTED)
			.hasNotPassed(CREATE_SERVICE_ACCOUNT);
		verify(createServiceAccount, never()).execute(any());
	}

	@Test
	void rejectionWithoutCommentIsRefusedAndTheTaskStaysOpen() {
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);

		assertThatThrownBy(() -> complete(task(request), Map.of(APPROVED.name(), false, APPROVAL_COMMENT.name(), "")))
			.hasMessageContaining("Comment: is required when you reject.");
		assertThatThrownBy(() -> complete(task(request), Map.of(APPROVED.name(), "yes")))
			.hasMessageContaining("Approve: must be true (approve) or false (reject).");

		assertThat(request).isWaitingAt(APPROVE_SERVICE_ACCOUNT);
	}

	@Test
	void refusedRequestGoesToRevisionWithTheReasonAndCanBeWithdrawn() {
		checkRefuses("Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
		ProcessInstance request = startRequest(validRequest());
		runServiceTasks(request);

		assertThat(request).isWaitingAt(REVISE_REQUEST)
			.variables()
			.containsEntry(REFUSAL_REASON.name(),
					"Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
		assertThat(task(request)).isAssignedTo("alice");

		complete(task(request), Map.of(WITHDRAW.name(), true));

		assertThat(request).isEnded().hasPassed(REQUEST_WITHDRAWN).hasNotPassed(APPROVE_SERVICE_ACCOUNT);
	}

	@Test
	void revisedRequestIsCheckedAgainUnderItsNewName() {
		checkRefuses("Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
		ProcessInstance request = startRequest(validRequest());
		runServiceTasks(request);
		checkAcceptsWithApprover("bob");

		Map<String, Object> revised = validRequest();
		revised.put(ACCOUNT_USER_NAME.name(), "svc_jira_sync2");
		revised.put(WITHDRAW.name(), false);
		complete(task(request), revised);
		runServiceTasks(request);

		assertThat(request).isWaitingAt(APPROVE_SERVICE_ACCOUNT).hasBusinessKey("svc_jira_sync2");
	}

	@Test
	void revisionThatBreaksTheRulesIsRefusedWithFieldAndRule() {
		checkRefuses("Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
		ProcessInstance request = startRequest(validRequest());
		runServiceTasks(request);

		Map<String, Object> revised = validRequest();
		revised.put(ACCOUNT_USER_NAME.name(), "jira_sync");
		assertThatThrownBy(() -> complete(task(request), revised))
			.hasMessageContaining("Account user name: must start with 'svc_'");
		assertThat(request).isWaitingAt(REVISE_REQUEST);
	}

	@Test
	void accountNameTakenAtCreationGoesBackToRevision() throws Exception {
		doThrow(new BpmnError(Errors.ACCOUNT_NAME_TAKEN,
				"Account user name: 'svc_jira_sync' was taken in ServiceNow by another account"))
			.when(createServiceAccount)
			.execute(any());
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);

		complete(task(request), approve());
		runServiceTasks(request);

		assertThat(request).isWaitingAt(REVISE_REQUEST)
			.hasPassed(ACCOUNT_NAME_TAKEN)
			.variables()
			.containsEntry(REFUSAL_REASON.name(),
					"Account user name: 'svc_jira_sync' was taken in ServiceNow by another account");
		assertThat(request).hasNotPassed(ADD_ACCOUNT_TO_GROUPS);
	}

	@Test
	void needMoreAccessReturnsToApprovalThenAddsTheGroupsAndValidatesAgain() throws Exception {
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);

		complete(task(request), withVariables(VALIDATION_OUTCOME.name(), NEED_MORE_ACCESS, REQUESTED_GROUPS.name(),
				"cmdb read access", VALIDATION_COMMENT.name(), "Our sync reads CIs"));
		runServiceTasks(request);
		assertThat(request).isWaitingAt(APPROVE_SERVICE_ACCOUNT)
			.variables()
			.containsEntry(APPROVAL_SCOPE.name(), SCOPE_MORE_ACCESS)
			.containsEntry(REQUESTED_GROUPS.name(), "CMDB Read Access");
		assertThat(task(request)).isAssignedTo("bob");

		complete(task(request), approve());
		runServiceTasks(request);

		assertThat(request).isWaitingAt(VALIDATE_SERVICE_ACCOUNT).hasPassed(ADD_REQUESTED_GROUPS);
		complete(task(request), answer(CALLS_WORK));
		runServiceTasks(request);
		assertThat(request).isEnded().hasPassed(SERVICE_ACCOUNT_PROVISIONED);
	}

	@Test
	void refusedExtraAccessTellsTheOwnerAndReturnsToValidation() {
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);
		complete(task(request), withVariables(VALIDATION_OUTCOME.name(), NEED_MORE_ACCESS, REQUESTED_GROUPS.name(),
				"CMDB Read Access"));
		runServiceTasks(request);

		complete(task(request), reject("Read access is enough"));
		runServiceTasks(request);

		assertThat(request).isWaitingAt(VALIDATE_SERVICE_ACCOUNT)
			.hasPassed(NOTIFY_MORE_ACCESS_REFUSED)
			.hasNotPassed(ADD_REQUESTED_GROUPS, NOTIFY_REQUEST_REJECTED);
	}

	@Test
	void requestForGroupsOffTheAllowListIsRefusedWithFieldAndRule() {
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);

		assertThatThrownBy(() -> complete(task(request),
				withVariables(VALIDATION_OUTCOME.name(), NEED_MORE_ACCESS, REQUESTED_GROUPS.name(),
						"ServiceNow Administrators")))
			.hasMessageContaining("Requested groups: 'ServiceNow Administrators' is not a grantable group");
		assertThatThrownBy(() -> complete(task(request), withVariables(VALIDATION_OUTCOME.name(), "maybe")))
			.hasMessageContaining("Outcome: is required: choose one of the answers the form offers.");
		assertThat(request).isWaitingAt(VALIDATE_SERVICE_ACCOUNT);
	}

	@Test
	void cancelledValidationDeactivatesTheAccount() throws Exception {
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);

		complete(task(request), answer(CANCEL));
		runServiceTasks(request);

		assertThat(request).isEnded()
			.hasPassed(DEACTIVATE_SERVICE_ACCOUNT, NOTIFY_ACCOUNT_WITHDRAWN, SERVICE_ACCOUNT_WITHDRAWN)
			.hasNotPassed(REMOVE_GUI_ACCESS);
		verify(removeGuiAccess, never()).execute(any());
	}

	@Test
	void unansweredValidationRemovesGuiAccessAnywayAndSaysSo() {
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);

		fireTimer(request, VALIDATION_REMINDER_DUE);
		runServiceTasks(request);
		assertThat(request).hasPassed(REMIND_OWNER, OWNER_REMINDED).isWaitingAt(VALIDATE_SERVICE_ACCOUNT);

		fireTimer(request, RequestProcess.VALIDATION_TIMED_OUT);
		runServiceTasks(request);

		assertThat(request).isEnded()
			.hasPassed(REMOVE_GUI_ACCESS, NOTIFY_ACCOUNT_LIVE, GOVERN_ACCOUNT, SERVICE_ACCOUNT_PROVISIONED)
			.variables()
			.containsEntry(VALIDATION_TIMED_OUT.name(), true);
	}

	@Test
	void theOwnerCanHaveTheEvidenceReadAgainWithoutMovingTheDeadlines() throws Exception {
		Date handedOver = new Date(1_800_000_000_000L);
		ClockUtil.setCurrentTime(handedOver);
		ProcessInstance request = startAndRunTo(VALIDATE_SERVICE_ACCOUNT);
		Date due = task(request).getDueDate();
		doAnswer(call -> {
			ACCOUNT_LAST_LOGIN_TIME.set(call.<DelegateExecution>getArgument(0), "2027-01-15 08:00:00");
			return null;
		}).when(readValidationEvidence).execute(any());

		ClockUtil.setCurrentTime(new Date(handedOver.getTime() + Duration.ofDays(10).toMillis()));
		complete(task(request), answer(READ_EVIDENCE_AGAIN));
		runServiceTasks(request);

		assertThat(request).hasPassed(READ_VALIDATION_EVIDENCE).isWaitingAt(VALIDATE_SERVICE_ACCOUNT);
		assertThat(task(request)).hasDueDate(due);
		assertThat(request).variables().containsEntry(ACCOUNT_LAST_LOGIN_TIME.name(), "2027-01-15 08:00:00");
		// the time-out still falls 30 days after the hand-over, not 30 days after the
		// re-read
		Job timeout = managementService().createJobQuery()
			.processInstanceId(request.getId())
			.timers()
			.activityId(RequestProcess.VALIDATION_TIMED_OUT)
			.singleResult();
		org.assertj.core.api.Assertions.assertThat(timeout.getDuedate())
			.isEqualTo(new Date(handedOver.getTime() + Duration.ofDays(30).toMillis()));
		// past the reminder: it went out in the first round, and is not due again before
		// the time-out
		ClockUtil.setCurrentTime(new Date(handedOver.getTime() + Duration.ofDays(20).toMillis()));
		complete(task(request), answer(READ_EVIDENCE_AGAIN));
		runServiceTasks(request);
		Job reminder = managementService().createJobQuery()
			.processInstanceId(request.getId())
			.timers()
			.activityId(VALIDATION_REMINDER_DUE)
			.singleResult();
		org.assertj.core.api.Assertions.assertThat(reminder.getDuedate())
			.isAfter(new Date(handedOver.getTime() + Duration.ofDays(30).toMillis()));
	}

	@Test
	void overdueApprovalRemindsTheApproverThenEscalatesToTheFallbackGroup() {
		Date now = new Date(1_800_000_000_000L);
		ClockUtil.setCurrentTime(now);
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);
		assertThat(task(request)).hasDueDate(Date.from(now.toInstant().plus(Duration.ofDays(3))));

		fireTimer(request, APPROVAL_REMINDER_DUE);
		runServiceTasks(request);
		assertThat(request).hasPassed(REMIND_APPROVER, APPROVER_REMINDED);
		assertThat(task(request)).isAssignedTo("bob");

		fireTimer(request, APPROVAL_ESCALATION_DUE);
		runServiceTasks(request);

		assertThat(request).hasPassed(ESCALATE_APPROVAL).isWaitingAt(APPROVE_SERVICE_ACCOUNT);
		assertThat(task(request)).isNotAssigned().hasCandidateGroup("service-account-admins");
	}

	@Test
	void requestWithoutEligibleManagerGoesToTheFallbackGroup() {
		checkAcceptsWithApprover(null);
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);

		assertThat(task(request)).isNotAssigned().hasCandidateGroup("service-account-admins");
	}

	@Test
	void requesterCanNeverApproveTheirOwnRequest() {
		checkAcceptsWithApprover(null);
		ProcessInstance request = startAndRunTo(APPROVE_SERVICE_ACCOUNT);
		String taskId = task(request).getId();

		assertThatThrownBy(() -> taskService().claim(taskId, "alice"))
			.hasMessageContaining("cannot be given the approval");
		assertThatThrownBy(() -> taskService().setAssignee(taskId, "ALICE"))
			.hasMessageContaining("cannot be given the approval");

		identityService().setAuthentication("alice", List.of("service-account-admins"));
		assertThatThrownBy(() -> taskService().complete(taskId, approve()))
			.hasMessageContaining("You (alice) requested this account, so you cannot approve it.");

		identityService().setAuthentication("mallory", List.of("other-group"));
		assertThatThrownBy(() -> taskService().complete(taskId, approve())).hasMessageContaining(
				"Only the assigned approver or a candidate approver can approve this request, and mallory is neither.");

		identityService().setAuthentication("carol", List.of("service-account-admins"));
		taskService().complete(taskId, approve());
		assertThat(request).hasPassed(APPROVE_SERVICE_ACCOUNT);
	}

	@Test
	void nobodyCanRequestInAnotherPersonsName() {
		Map<String, Object> spoofed = validRequest();
		spoofed.put(REQUESTER.name(), "alice");
		identityService().setAuthenticatedUserId("bob");

		assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_ID, spoofed))
			.hasMessageContaining("The requester is the logged-in user (bob); a request cannot name anybody else.");
		org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
	}

	@Test
	void invalidStartIsRefusedWithEveryBrokenRuleAndNothingIsStored() {
		Map<String, Object> bad = validRequest();
		bad.put(ACCOUNT_USER_NAME.name(), "svc_x^NQactive=true");
		bad.put(PURPOSE.name(), "short");
		bad.put(ADDITIONAL_GROUPS.name(), "ServiceNow Administrators");

		assertThatThrownBy(() -> startRequest(bad))
			.hasMessageContaining("Account user name: may contain only lowercase letters, digits, '.', '_' and '-'.")
			.hasMessageContaining("Purpose: must be 10 to 2000 characters long (it has 5).")
			.hasMessageContaining("Additional groups: 'ServiceNow Administrators' is not a grantable group");
		org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
		org.assertj.core.api.Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().count())
			.isZero();
	}

	@Test
	void aNameThatAnotherOpenRequestAsksForIsRefusedAtTheStartAndNothingIsStored() {
		startRequest(validRequest());

		assertThatThrownBy(() -> startRequest(validRequest())).hasMessageContaining(
				"Account user name: is already asked for by another open request ('svc_jira_sync'); choose another name");
		org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isOne();
		org.assertj.core.api.Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().count())
			.isOne();
	}

	@Test
	void aRevisionCannotTakeTheNameOfAnotherOpenRequest() {
		Map<String, Object> other = validRequest();
		other.put(ACCOUNT_USER_NAME.name(), "svc_other_sync");
		startRequest(other);
		checkRefuses("Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
		ProcessInstance request = startAndRunTo(REVISE_REQUEST);
		Map<String, Object> revised = validRequest();
		revised.put(WITHDRAW.name(), false);
		revised.put(ACCOUNT_USER_NAME.name(), "svc_other_sync");

		assertThatThrownBy(() -> complete(task(request), revised))
			.hasMessageContaining("Account user name: is already asked for by another open request ('svc_other_sync')");
		assertThat(request).isWaitingAt(REVISE_REQUEST);
	}

	// --- helpers: named steps, no copied variable maps

	static Map<String, Object> validRequest() {
		Map<String, Object> fields = new HashMap<>();
		fields.put(ACCOUNT_USER_NAME.name(), ACCOUNT);
		fields.put(DISPLAY_NAME.name(), "Jira sync");
		fields.put(PURPOSE.name(), "Jira Cloud creates and updates incidents through the Table API");
		fields.put(ACCOUNT_EMAIL.name(), "");
		fields.put(ADDITIONAL_GROUPS.name(), "");
		return fields;
	}

	static Map<String, Object> approve() {
		return withVariables(APPROVED.name(), true, APPROVAL_COMMENT.name(), "");
	}

	static Map<String, Object> reject(String comment) {
		return withVariables(APPROVED.name(), false, APPROVAL_COMMENT.name(), comment);
	}

	static Map<String, Object> answer(String outcome) {
		return withVariables(VALIDATION_OUTCOME.name(), outcome, REQUESTED_GROUPS.name(), "", VALIDATION_COMMENT.name(),
				"");
	}

	ProcessInstance startRequest(Map<String, Object> fields) {
		identityService().setAuthenticatedUserId("alice");
		try {
			return runtimeService().startProcessInstanceByKey(PROCESS_ID, fields);
		}
		finally {
			identityService().clearAuthentication();
		}
	}

	ProcessInstance startAndRunTo(String userTask) {
		ProcessInstance request = startRequest(validRequest());
		runServiceTasks(request);
		if (userTask.equals(VALIDATE_SERVICE_ACCOUNT)) {
			complete(task(request), approve());
			runServiceTasks(request);
		}
		assertThat(request).isWaitingAt(userTask);
		return request;
	}

	/**
	 * Runs the due asynchronous continuations until the instance waits for a person or a
	 * timer.
	 */
	void runServiceTasks(ProcessInstance request) {
		for (int i = 0; i < 50; i++) {
			List<Job> jobs = managementService().createJobQuery()
				.processInstanceId(request.getId())
				.executable()
				.list();
			if (jobs.isEmpty()) {
				return;
			}
			jobs.forEach(job -> execute(job));
		}
		throw new AssertionError("the process kept producing jobs");
	}

	void fireTimer(ProcessInstance request, String boundaryEventId) {
		Job timer = managementService().createJobQuery()
			.processInstanceId(request.getId())
			.timers()
			.activityId(boundaryEventId)
			.singleResult();
		org.assertj.core.api.Assertions.assertThat(timer).as("timer " + boundaryEventId).isNotNull();
		execute(timer);
	}

	void checkAcceptsWithApprover(String approver) {
		try {
			reset(checkRequest);
			doAnswer(call -> {
				DelegateExecution execution = call.getArgument(0);
				REQUESTER_SYS_ID.set(execution, ALICE_SYS_ID);
				REQUESTER_EMAIL.set(execution, "alice@example.com");
				APPROVER_USER_ID.set(execution, approver);
				APPROVER_GROUP.set(execution, approver == null ? "service-account-admins" : null);
				APPROVAL_SCOPE.set(execution, SCOPE_NEW_ACCOUNT);
				GRANTED_GROUPS.set(execution, "");
				return null;
			}).when(checkRequest).execute(any());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	void checkRefuses(String reason) {
		try {
			reset(checkRequest);
			doThrow(new BpmnError(Errors.REQUEST_REFUSED, reason)).when(checkRequest).execute(any());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
