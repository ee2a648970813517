package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleProcessTestSupport.refusal;
import static io.github.serviceaccounts.lifecycle.LifecycleProcessTestSupport.runJobs;
import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Every path of "Adopt existing service accounts" and "Adopt service account": the steps
 * that read and write ServiceNow are mocks; the listeners that check who may act and what
 * they submit are the real ones.
 */
@Deployment(resources = { "processes/adoptServiceAccounts.bpmn", "processes/adoptServiceAccount.bpmn",
		"forms/adoptServiceAccounts.form", "forms/confirmOwnership.form", "forms/nameNewOwner.form",
		"forms/acceptOwnership.form" })
class AdoptionProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.configurationResource("process-tests.camunda.cfg.xml")
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final String ACCOUNT = "svc_legacy_sync";

	final JavaDelegate findAccountsToAdopt = mock(JavaDelegate.class);

	final JavaDelegate findCurrentOwner = mock(JavaDelegate.class);

	final JavaDelegate checkNewOwner = mock(JavaDelegate.class);

	final JavaDelegate recordOwner = mock(JavaDelegate.class);

	final JavaDelegate governAdoptedAccount = mock(JavaDelegate.class);

	@BeforeEach
	void registerBeans() throws Exception {
		AdoptionStartListeners listeners = new AdoptionStartListeners();
		Mocks.register("adoptionRunStartListener", listeners.adoptionRunStartListener(TestSettings.PROPERTIES));
		Mocks.register("accountAdoptionStartListener", listeners.accountAdoptionStartListener());
		LifecycleProcessTestSupport.registerTaskListeners();
		Mocks.register("findAccountsToAdoptDelegate", findAccountsToAdopt);
		Mocks.register("findCurrentOwnerDelegate", findCurrentOwner);
		Mocks.register("checkNewOwnerDelegate", checkNewOwner);
		Mocks.register("recordOwnerDelegate", recordOwner);
		Mocks.register("governAdoptedAccountDelegate", governAdoptedAccount);
		currentOwner("bob");
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			PROPOSED_OWNER.set(execution, NEW_OWNER.get(execution));
			return null;
		}).when(checkNewOwner).execute(any());
	}

	@AfterEach
	void cleanUp() {
		Mocks.reset();
		identityService().clearAuthentication();
	}

	@Test
	void aFallbackApproverStartsARunThatReadsPageAfterPage() throws Exception {
		long[] pages = { 0 };
		doAnswer(call -> {
			MORE_TO_READ.set(call.<DelegateExecution>getArgument(0), ++pages[0] < 3);
			return null;
		}).when(findAccountsToAdopt).execute(any());
		identityService().setAuthentication("carol", List.of("service-account-admins"));
		ProcessInstance run = runtimeService().startProcessInstanceByKey(AdoptionProcess.PROCESS_ID,
				Map.of(ADOPTION_NOTE.name(), "Bring the 2019 accounts in"));
		assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(AdoptionProcess.PROCESS_ID))
			.satisfies(refusal(InvalidRequestException.class))
			.hasMessageContaining("An adoption run is under way already");
		identityService().clearAuthentication();
		runJobs(run);
		assertThat(run).isEnded()
			.hasPassed(AdoptionProcess.ADOPTIONS_STARTED)
			.variables()
			.containsEntry(ADOPTION_STARTED_BY.name(), "carol");
		verify(findAccountsToAdopt, times(3)).execute(any());
	}

	@Test
	void onlyAFallbackApproverAdopts() {
		identityService().setAuthentication("alice", List.of("service-account-requesters"));
		assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(AdoptionProcess.PROCESS_ID))
			.satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("Only a fallback approver (group service-account-admins) can adopt");
		assertThatThrownBy(this::adopt).satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("alice cannot start one by hand");
	}

	@Test
	void theCurrentManagerConfirmsAndTheAccountIsGoverned() {
		ProcessInstance adoption = adopt();
		runJobs(adoption);
		assertThat(adoption).isWaitingAt(AdoptAccountProcess.CONFIRM_OWNERSHIP);
		assertThat(task(adoption)).isAssignedTo("bob");
		identityService().setAuthentication("carol", List.of("service-account-admins"));
		assertThatThrownBy(
				() -> taskService().complete(task(adoption).getId(), Map.of(OWNERSHIP_CONFIRMED.name(), true)))
			.satisfies(refusal(SegregationOfDutiesException.class))
			.hasMessageContaining("Only bob can confirm this ownership; carol cannot do it on their behalf");
		identityService().setAuthentication("bob", List.of("service-account-requesters"));
		taskService().complete(task(adoption).getId(), Map.of(OWNERSHIP_CONFIRMED.name(), true));
		identityService().clearAuthentication();
		runJobs(adoption);
		assertThat(adoption).isEnded()
			.hasPassed(AdoptAccountProcess.GOVERN_ADOPTED_ACCOUNT, AdoptAccountProcess.ACCOUNT_ADOPTED);
	}

	@Test
	void aManagerWhoDeclinesSendsTheAccountToTheFallbackApproversWhoNameSomeoneWhoAccepts() throws Exception {
		ProcessInstance adoption = adopt();
		runJobs(adoption);
		assertThatThrownBy(() -> complete(task(adoption), Map.of(OWNERSHIP_CONFIRMED.name(), false)))
			.hasMessageContaining("Reason: is required when you decline");
		complete(task(adoption), Map.of(OWNERSHIP_CONFIRMED.name(), false, DECLINE_REASON.name(), "Not mine"));
		assertThat(adoption).isWaitingAt(AdoptAccountProcess.NAME_NEW_OWNER)
			.variables()
			.containsEntry(NAMING_REFUSAL.name(), "bob declined: Not mine");
		assertThat(task(adoption)).hasCandidateGroup("service-account-admins");

		doThrow(new BpmnError(LifecycleProcess.Errors.NEW_OWNER_REFUSED, "New owner: dave is inactive in ServiceNow"))
			.doAnswer(call -> {
				DelegateExecution execution = call.getArgument(0);
				PROPOSED_OWNER.set(execution, NEW_OWNER.get(execution));
				return null;
			})
			.when(checkNewOwner)
			.execute(any());
		complete(task(adoption), Map.of(NEW_OWNER.name(), "dave"));
		runJobs(adoption);
		assertThat(adoption).hasPassed(AdoptAccountProcess.NEW_OWNER_REFUSED)
			.isWaitingAt(AdoptAccountProcess.NAME_NEW_OWNER);

		complete(task(adoption), Map.of(NEW_OWNER.name(), "erin"));
		runJobs(adoption);
		assertThat(task(adoption)).isAssignedTo("erin");
		complete(task(adoption), Map.of(OWNERSHIP_ACCEPTED.name(), false, DECLINE_REASON.name(), "Too busy"));
		assertThat(adoption).isWaitingAt(AdoptAccountProcess.NAME_NEW_OWNER);
		complete(task(adoption), Map.of(NEW_OWNER.name(), "carol"));
		runJobs(adoption);
		complete(task(adoption), Map.of(OWNERSHIP_ACCEPTED.name(), true));
		runJobs(adoption);
		assertThat(adoption).isEnded()
			.hasPassed(AdoptAccountProcess.RECORD_OWNER, AdoptAccountProcess.GOVERN_ADOPTED_ACCOUNT,
					AdoptAccountProcess.ACCOUNT_ADOPTED);
	}

	@Test
	void anAccountWithoutAnActiveManagerGoesStraightToTheFallbackApprovers() throws Exception {
		currentOwner(null);
		ProcessInstance adoption = adopt();
		runJobs(adoption);
		assertThat(adoption).isWaitingAt(AdoptAccountProcess.NAME_NEW_OWNER)
			.hasNotPassed(AdoptAccountProcess.CONFIRM_OWNERSHIP);
	}

	// --- helpers ---

	ProcessInstance adopt() {
		return runtimeService().startProcessInstanceByKey(AdoptAccountProcess.PROCESS_ID, ACCOUNT,
				Map.of(ACCOUNT_USER_NAME.name(), ACCOUNT, ACCOUNT_SYS_ID.name(), "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0"));
	}

	void currentOwner(String owner) throws Exception {
		doAnswer(call -> {
			CURRENT_OWNER.set(call.<DelegateExecution>getArgument(0), owner);
			return null;
		}).when(findCurrentOwner).execute(any());
	}

}
