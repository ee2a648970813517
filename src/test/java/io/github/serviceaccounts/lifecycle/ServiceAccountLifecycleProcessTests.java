package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleProcess.*;
import static io.github.serviceaccounts.lifecycle.LifecycleProcessTestSupport.refusal;
import static io.github.serviceaccounts.lifecycle.LifecycleProcessTestSupport.runJobs;
import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;
// variables that share their name with an element of the model
import static io.github.serviceaccounts.lifecycle.LifecycleVariables.HAND_OVER_NEEDED;
import static io.github.serviceaccounts.lifecycle.LifecycleVariables.REVIEW_OUTCOME;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.SegregationOfDutiesListener.SegregationOfDutiesException;
import io.github.serviceaccounts.request.TestSettings;

/**
 * Every path of {@code serviceAccountLifecycle} and of {@code retireServiceAccount}, read
 * like the models: the service tasks are mocks (their classes have tests of their own);
 * the listeners that guard what people submit and who may act are the real ones.
 */
@Deployment(resources = { "processes/serviceAccountLifecycle.bpmn", "processes/retireServiceAccount.bpmn",
		"forms/reviewServiceAccount.form", "forms/nameNewOwner.form", "forms/acceptOwnership.form",
		"forms/objectToRetirement.form", "forms/retireServiceAccount.form" })
class ServiceAccountLifecycleProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.configurationResource("process-tests.camunda.cfg.xml")
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final String ACCOUNT = "svc_jira_sync";

	static final String ACCOUNT_SYS_ID_VALUE = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";

	final JavaDelegate readReviewEvidence = mock(JavaDelegate.class);

	final JavaDelegate remindReviewer = mock(JavaDelegate.class);

	final JavaDelegate escalateReview = mock(JavaDelegate.class);

	final JavaDelegate lockAccount = mock(JavaDelegate.class);

	final JavaDelegate unlockAccount = mock(JavaDelegate.class);

	final JavaDelegate removeGroups = mock(JavaDelegate.class);

	final JavaDelegate disableAccount = mock(JavaDelegate.class);

	final JavaDelegate notifyRetirement = mock(JavaDelegate.class);

	final JavaDelegate retireAccount = mock(JavaDelegate.class);

	final JavaDelegate findOwnerSuccessor = mock(JavaDelegate.class);

	final JavaDelegate checkNewOwner = mock(JavaDelegate.class);

	final JavaDelegate transferOwnership = mock(JavaDelegate.class);

	final JavaDelegate notifyOwnershipTransferred = mock(JavaDelegate.class);

	final JavaDelegate escalateNaming = mock(JavaDelegate.class);

	@BeforeEach
	void registerBeans() throws Exception {
		Mocks.register("lifecycleTimers", new LifecycleTimers(LifecycleTestSettings.DEFAULTS));
		Mocks.register("lifecycleStartListener", new LifecycleStartListener());
		LifecycleProcessTestSupport.registerTaskListeners();
		Mocks.register("retirementStartListener", new RetirementStartListener(TestSettings.PROPERTIES));
		Mocks.register("requestRetirementDelegate", new RequestRetirementDelegate());
		Mocks.register("readReviewEvidenceDelegate", readReviewEvidence);
		Mocks.register("remindReviewerDelegate", remindReviewer);
		Mocks.register("escalateReviewDelegate", escalateReview);
		Mocks.register("lockAccountDelegate", lockAccount);
		Mocks.register("unlockAccountDelegate", unlockAccount);
		Mocks.register("removeGroupsDelegate", removeGroups);
		Mocks.register("disableAccountDelegate", disableAccount);
		Mocks.register("notifyRetirementDelegate", notifyRetirement);
		Mocks.register("retireAccountDelegate", retireAccount);
		Mocks.register("findOwnerSuccessorDelegate", findOwnerSuccessor);
		Mocks.register("checkNewOwnerDelegate", checkNewOwner);
		Mocks.register("transferOwnershipDelegate", transferOwnership);
		Mocks.register("notifyOwnershipTransferredDelegate", notifyOwnershipTransferred);
		Mocks.register("escalateNamingDelegate", escalateNaming);
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			REMOVABLE_GROUPS.set(execution, "CMDB Read Access");
			return null;
		}).when(readReviewEvidence).execute(any());
		doAnswer(call -> {
			LOCKED_BY_LIFECYCLE.set(call.<DelegateExecution>getArgument(0), true);
			return null;
		}).when(lockAccount).execute(any());
		doAnswer(call -> {
			LOCKED_BY_LIFECYCLE.set(call.<DelegateExecution>getArgument(0), false);
			return null;
		}).when(unlockAccount).execute(any());
		ownerGone(true);
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			PROPOSED_OWNER.set(execution, NEW_OWNER.get(execution));
			return null;
		}).when(checkNewOwner).execute(any());
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			OWNER.set(execution, PROPOSED_OWNER.get(execution));
			return null;
		}).when(transferOwnership).execute(any());
	}

	@AfterEach
	void cleanUp() throws Exception {
		Mocks.reset();
		identityService().clearAuthentication();
	}

	// --- start ---

	@Test
	void aLifecycleWaitsForItsReviewTheOwnerLeavingAndRetirement() throws Exception {
		ProcessInstance lifecycle = govern();
		assertThat(lifecycle).hasBusinessKey(ACCOUNT).isWaitingAt(AWAIT_LIFECYCLE_EVENT);
		assertThat(lifecycle).variables()
			.containsEntry(OWNER.name(), "alice")
			.containsEntry(LOCKED_BY_LIFECYCLE.name(), false)
			.containsKey(GOVERNED_SINCE.name());
		Job review = timer(lifecycle, REVIEW_DUE);
		org.assertj.core.api.Assertions.assertThat(review.getDuedate())
			.isAfter(new java.util.Date(System.currentTimeMillis() + 179L * 24 * 3600 * 1000));
	}

	@Test
	void nobodyStartsALifecycleByHand() throws Exception {
		identityService().setAuthenticatedUserId("alice");
		assertThatThrownBy(this::govern).satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("alice cannot start one by hand");
	}

	// --- review ---

	@Test
	void aPeriodicReviewThatKeepsTheAccountWaitsForTheNextOne() throws Exception {
		ProcessInstance lifecycle = govern();
		execute(timer(lifecycle, REVIEW_DUE));
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(REVIEW_SERVICE_ACCOUNT)
			.variables()
			.containsEntry(REVIEW_REASON.name(), "periodic");
		assertThat(task(lifecycle)).isAssignedTo("alice");

		complete(task(lifecycle), Map.of(REVIEW_OUTCOME.name(), OUTCOME_KEEP));
		assertThat(lifecycle).isWaitingAt(AWAIT_LIFECYCLE_EVENT)
			.hasPassed(READ_REVIEW_EVIDENCE)
			.variables()
			.containsKey(LAST_REVIEWED_AT.name());
		verify(unlockAccount, never()).execute(any());
	}

	@Test
	void aReviewThatRemovesGroupsRemovesThemAndWaitsAgain() throws Exception {
		ProcessInstance lifecycle = startReview();
		complete(task(lifecycle),
				Map.of(REVIEW_OUTCOME.name(), OUTCOME_REMOVE_GROUPS, GROUPS_TO_REMOVE.name(), "CMDB Read Access"));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(REMOVE_GROUPS).isWaitingAt(AWAIT_LIFECYCLE_EVENT);
	}

	@Test
	void aReviewRefusesGroupsTheAccountIsNotInAndTheDefaultGroup() throws Exception {
		ProcessInstance lifecycle = startReview();
		Task review = task(lifecycle);
		assertThatThrownBy(() -> complete(review,
				Map.of(REVIEW_OUTCOME.name(), OUTCOME_REMOVE_GROUPS, GROUPS_TO_REMOVE.name(),
						"Event Management, ServiceNow Service Accounts")))
			.satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining(
					"Groups to remove: the account is not in 'Event Management'; it is in CMDB Read Access")
			.hasMessageContaining("'ServiceNow Service Accounts' is the service-account group");
		assertThatThrownBy(() -> complete(review, Map.of(REVIEW_OUTCOME.name(), OUTCOME_REMOVE_GROUPS)))
			.hasMessageContaining("Groups to remove: is required when you remove groups");
		assertThatThrownBy(() -> complete(review, Map.of(REVIEW_OUTCOME.name(), OUTCOME_RETIRE)))
			.hasMessageContaining("Comment: is required when you retire the account");
		assertThatThrownBy(() -> complete(review, Map.of(REVIEW_OUTCOME.name(), "delete")))
			.hasMessageContaining("Outcome: must be keep, removeGroups (remove groups) or retire");
		assertThat(lifecycle).isWaitingAt(REVIEW_SERVICE_ACCOUNT);
		verify(removeGroups, never()).execute(any());
	}

	@Test
	void anUnansweredReviewRemindsEscalatesAndLocksAndAnAnswerUnlocks() throws Exception {
		ProcessInstance lifecycle = startReview();
		fireTimer(lifecycle, REVIEW_REMINDER_DUE);
		fireTimer(lifecycle, REVIEW_ESCALATION_DUE);
		fireTimer(lifecycle, REVIEW_LOCK_DUE);
		runJobs(lifecycle);
		assertThat(lifecycle)
			.hasPassed(REMIND_REVIEWER, REVIEWER_REMINDED, ESCALATE_REVIEW, REVIEW_HANDED_ON, LOCK_UNREVIEWED_ACCOUNT,
					UNREVIEWED_ACCOUNT_LOCKED)
			.isWaitingAt(REVIEW_SERVICE_ACCOUNT);

		complete(task(lifecycle), Map.of(REVIEW_OUTCOME.name(), OUTCOME_KEEP));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(UNLOCK_REVIEWED_ACCOUNT)
			.isWaitingAt(AWAIT_LIFECYCLE_EVENT)
			.variables()
			.containsEntry(LOCKED_BY_LIFECYCLE.name(), false);
	}

	@Test
	void anUnusedAccountIsReviewedAtOnceAndRetiredWhenTheOwnerSaysSo() throws Exception {
		ProcessInstance lifecycle = govern();
		runtimeService().createMessageCorrelation(Messages.ACCOUNT_UNUSED)
			.processInstanceBusinessKey(ACCOUNT)
			.correlate();
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(REVIEW_SERVICE_ACCOUNT)
			.variables()
			.containsEntry(REVIEW_REASON.name(), "unused");

		complete(task(lifecycle), Map.of(REVIEW_OUTCOME.name(), OUTCOME_RETIRE, REVIEW_COMMENT.name(), "Jira is gone"));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(DISABLE_ACCOUNT, NOTIFY_RETIREMENT_STARTED).isWaitingAt(OBJECT_TO_RETIREMENT);
		assertThat(task(lifecycle)).isAssignedTo("alice");

		fireTimer(lifecycle, RETIREMENT_GRACE_OVER);
		runJobs(lifecycle);
		assertThat(lifecycle).isEnded().hasPassed(RETIRE_ACCOUNT, NOTIFY_ACCOUNT_RETIRED, SERVICE_ACCOUNT_RETIRED);
	}

	@Test
	void aLockedReviewThatRetiresIsNotUnlockedFirst() throws Exception {
		ProcessInstance lifecycle = startReview();
		fireTimer(lifecycle, REVIEW_LOCK_DUE);
		runJobs(lifecycle);
		complete(task(lifecycle), Map.of(REVIEW_OUTCOME.name(), OUTCOME_RETIRE, REVIEW_COMMENT.name(), "unused"));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(DISABLE_ACCOUNT).isWaitingAt(OBJECT_TO_RETIREMENT);
		verify(unlockAccount, never()).execute(any());
	}

	// --- retirement ---

	@Test
	void theOwnerAsksForRetirementAndObjectsInTime() throws Exception {
		ProcessInstance lifecycle = govern();
		identityService().setAuthentication("alice", List.of("service-account-requesters"));
		ProcessInstance retirement = runtimeService().startProcessInstanceByKey(RetireProcess.PROCESS_ID,
				Map.of(ACCOUNT_USER_NAME.name(), ACCOUNT, RETIREMENT_REASON.name(), "Jira moved to the cloud"));
		identityService().clearAuthentication();
		assertThat(retirement).hasBusinessKey(ACCOUNT);
		runJobs(retirement);
		assertThat(retirement).isEnded()
			.hasPassed(RetireProcess.REQUEST_RETIREMENT, RetireProcess.RETIREMENT_UNDER_WAY);
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(RETIREMENT_REQUESTED, DISABLE_ACCOUNT)
			.isWaitingAt(OBJECT_TO_RETIREMENT)
			.variables()
			.containsEntry(RETIREMENT_REQUESTED_BY.name(), "alice")
			.containsEntry(RETIREMENT_REASON.name(), "Jira moved to the cloud");

		Task objection = task(lifecycle);
		identityService().setAuthentication("carol", List.of("service-account-admins"));
		assertThatThrownBy(() -> taskService().complete(objection.getId(), Map.of(OBJECTION.name(), "needed")))
			.satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("Only alice can object to this retirement; carol cannot do it on their behalf");
		identityService().setAuthentication("alice", List.of("service-account-requesters"));
		assertThatThrownBy(() -> taskService().complete(objection.getId(), Map.of()))
			.hasMessageContaining("is required: say why the account must be kept");
		taskService().complete(objection.getId(), Map.of(OBJECTION.name(), "The nightly sync still uses it"));
		identityService().clearAuthentication();
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(REENABLE_ACCOUNT).isWaitingAt(AWAIT_LIFECYCLE_EVENT);
	}

	@Test
	void retirementIsRefusedToOthersForAccountsNotGovernedAndTwice() throws Exception {
		ProcessInstance lifecycle = govern();
		identityService().setAuthentication("bob", List.of("service-account-requesters"));
		assertThatThrownBy(() -> startRetirement(ACCOUNT)).satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("Only the owner of svc_jira_sync (alice) or a fallback approver can ask for its "
					+ "retirement, not bob");
		assertThatThrownBy(() -> startRetirement("svc_unknown")).satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining("svc_unknown is not a service account this application governs");
		assertThatThrownBy(() -> startRetirement("svc^NQactive=true")).satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining("is not a ServiceNow user name");
		identityService().setAuthentication("carol", List.of("service-account-admins"));
		startRetirement(ACCOUNT);
		assertThatThrownBy(() -> startRetirement(ACCOUNT)).satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining("the retirement of svc_jira_sync has been asked for already");
		identityService().clearAuthentication();
		runJobs(runtimeService().createProcessInstanceQuery()
			.processDefinitionKey(RetireProcess.PROCESS_ID)
			.singleResult());
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(OBJECT_TO_RETIREMENT);
		identityService().setAuthentication("alice", List.of("service-account-requesters"));
		assertThatThrownBy(() -> startRetirement(ACCOUNT)).satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining("svc_jira_sync is being retired already");
	}

	@Test
	void aRetirementTheLifecycleCanNoLongerTakeEndsNotStarted() throws Exception {
		govern();
		identityService().setAuthentication("alice", List.of("service-account-requesters"));
		ProcessInstance retirement = startRetirement(ACCOUNT);
		identityService().clearAuthentication();
		// a review begins before the retirement's job runs
		execute(timer(runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).singleResult(),
				REVIEW_DUE));
		runJobs(retirement);
		assertThat(retirement).isEnded()
			.hasPassed(RetireProcess.RETIREMENT_REFUSED, RetireProcess.RETIREMENT_NOT_STARTED)
			.variables()
			.hasEntrySatisfying(REFUSAL_REASON.name(),
					reason -> org.assertj.core.api.Assertions.assertThat((String) reason)
						.contains("is not waiting for a retirement any more"));
	}

	// --- hand-over ---

	@Test
	void anOwnerWhoIsStillThereNeedsNoHandOver() throws Exception {
		ownerGone(false);
		ProcessInstance lifecycle = govern();
		ownerLeft();
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(FIND_OWNER_SUCCESSOR).isWaitingAt(AWAIT_LIFECYCLE_EVENT);
	}

	@Test
	void aHandOverGoesBackToTheNamerUntilSomeoneSuitableAccepts() throws Exception {
		ProcessInstance lifecycle = govern();
		ownerLeft();
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(NAME_NEW_OWNER);
		assertThat(task(lifecycle)).isAssignedTo("beth");

		// refused in the form: the leaver, and no name at all
		assertThatThrownBy(() -> complete(task(lifecycle), Map.of(NEW_OWNER.name(), "alice")))
			.hasMessageContaining("New owner: alice is the owner who left");
		assertThatThrownBy(() -> complete(task(lifecycle), Map.of(NEW_OWNER.name(), "a^b")))
			.hasMessageContaining("is not a ServiceNow user name");
		// refused by "Check new owner" (ServiceNow says so): back to the namer with the
		// reason
		doThrow(new BpmnError(Errors.NEW_OWNER_REFUSED, "New owner: svc_x is a service account")).doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			PROPOSED_OWNER.set(execution, NEW_OWNER.get(execution));
			return null;
		}).when(checkNewOwner).execute(any());
		complete(task(lifecycle), Map.of(NEW_OWNER.name(), "svc_x"));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(NEW_OWNER_REFUSED).isWaitingAt(NAME_NEW_OWNER);
		assertThat(lifecycle).variables().containsEntry(NAMING_REFUSAL.name(), "New owner: svc_x is a service account");

		// declined: back again, with the reason
		complete(task(lifecycle), Map.of(NEW_OWNER.name(), "dave"));
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(ACCEPT_OWNERSHIP);
		assertThat(task(lifecycle)).isAssignedTo("dave");
		Task acceptance = task(lifecycle);
		identityService().setAuthentication("beth", List.of("service-account-requesters"));
		assertThatThrownBy(() -> taskService().complete(acceptance.getId(), Map.of(OWNERSHIP_ACCEPTED.name(), true)))
			.satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("Only dave can accept this ownership; beth cannot do it on their behalf");
		assertThatThrownBy(() -> taskService().setAssignee(acceptance.getId(), "beth"))
			.hasMessageContaining("Only dave, who was named, can accept the ownership of svc_jira_sync");
		identityService().setAuthentication("dave", List.of("service-account-requesters"));
		assertThatThrownBy(() -> taskService().complete(acceptance.getId(), Map.of(OWNERSHIP_ACCEPTED.name(), false)))
			.hasMessageContaining("Reason: is required when you decline");
		taskService().complete(acceptance.getId(),
				Map.of(OWNERSHIP_ACCEPTED.name(), false, DECLINE_REASON.name(), "I am leaving too"));
		identityService().clearAuthentication();
		assertThat(lifecycle).hasPassed(ACCEPTANCE_OUTCOME).isWaitingAt(NAME_NEW_OWNER);
		assertThat(lifecycle).variables().containsEntry(NAMING_REFUSAL.name(), "dave declined: I am leaving too");

		// accepted
		complete(task(lifecycle), Map.of(NEW_OWNER.name(), "erin"));
		runJobs(lifecycle);
		complete(task(lifecycle), Map.of(OWNERSHIP_ACCEPTED.name(), true));
		runJobs(lifecycle);
		assertThat(lifecycle).hasPassed(TRANSFER_OWNERSHIP, NEW_OWNER_ACCEPTED, NOTIFY_OWNERSHIP_TRANSFERRED)
			.isWaitingAt(AWAIT_LIFECYCLE_EVENT)
			.variables()
			.containsEntry(OWNER.name(), "erin");
	}

	@Test
	void aHandOverNobodyAnswersIsEscalatedAndTheAccountLocked() throws Exception {
		ProcessInstance lifecycle = govern();
		ownerLeft();
		runJobs(lifecycle);
		fireTimer(lifecycle, NAMING_ESCALATION_DUE);
		fireTimer(lifecycle, OWNERLESS_LOCK_DUE);
		runJobs(lifecycle);
		assertThat(lifecycle)
			.hasPassed(ESCALATE_NAMING, NAMING_HANDED_ON, LOCK_OWNERLESS_ACCOUNT, OWNERLESS_ACCOUNT_LOCKED)
			.isWaitingAt(NAME_NEW_OWNER);
	}

	@Test
	void withoutAManagerTheFallbackApproversName() throws Exception {
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			HAND_OVER_NEEDED.set(execution, true);
			LEAVER.set(execution, OWNER.get(execution));
			OWNER_NAMER.set(execution, null);
			return null;
		}).when(findOwnerSuccessor).execute(any());
		ProcessInstance lifecycle = govern();
		ownerLeft();
		runJobs(lifecycle);
		assertThat(task(lifecycle)).isNotAssigned().hasCandidateGroup("service-account-admins");
	}

	// --- helpers ---

	ProcessInstance govern() {
		return runtimeService().createProcessInstanceByKey(PROCESS_ID)
			.businessKey(ACCOUNT)
			.setVariables(Map.of(ACCOUNT_USER_NAME.name(), ACCOUNT, ACCOUNT_SYS_ID.name(), ACCOUNT_SYS_ID_VALUE,
					OWNER.name(), "alice", ORIGIN.name(), ORIGIN_REQUEST))
			.execute();
	}

	ProcessInstance startReview() {
		ProcessInstance lifecycle = govern();
		execute(timer(lifecycle, REVIEW_DUE));
		runJobs(lifecycle);
		assertThat(lifecycle).isWaitingAt(REVIEW_SERVICE_ACCOUNT);
		return lifecycle;
	}

	ProcessInstance startRetirement(String account) {
		Map<String, Object> form = new HashMap<>();
		form.put(ACCOUNT_USER_NAME.name(), account);
		form.put(RETIREMENT_REASON.name(), "Jira moved to the cloud");
		return runtimeService().startProcessInstanceByKey(RetireProcess.PROCESS_ID, form);
	}

	void ownerLeft() throws Exception {
		runtimeService().createMessageCorrelation(Messages.OWNER_LEFT).processInstanceBusinessKey(ACCOUNT).correlate();
	}

	void ownerGone(boolean gone) {
		try {
			doAnswer(call -> {
				DelegateExecution execution = call.getArgument(0);
				HAND_OVER_NEEDED.set(execution, gone);
				if (gone) {
					LEAVER.set(execution, OWNER.get(execution));
					OWNER_NAMER.set(execution, "beth");
				}
				return null;
			}).when(findOwnerSuccessor).execute(any());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	Job timer(ProcessInstance instance, String eventId) {
		Job timer = managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.timers()
			.activityId(eventId)
			.singleResult();
		org.assertj.core.api.Assertions.assertThat(timer).as("timer " + eventId).isNotNull();
		return timer;
	}

	void fireTimer(ProcessInstance instance, String eventId) {
		execute(timer(instance, eventId));
	}

}
