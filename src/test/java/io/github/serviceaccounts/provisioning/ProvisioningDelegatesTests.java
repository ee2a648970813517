package io.github.serviceaccounts.provisioning;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricDetailQuery;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.request.FakeExecution;
import io.github.serviceaccounts.request.RequestProcess.Errors;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.TestSettings;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;

/**
 * The delegates read typed inputs, call one service and write outputs. Who owns the
 * account and whether it was approved come from the engine's history (here: a mocked
 * {@link HistoryService}), never from variables.
 */
class ProvisioningDelegatesTests {

	static final String ALICE = ServiceAccountsTests.ALICE;
	static final String ACCOUNT = ServiceAccountsTests.ACCOUNT;
	static final AccountRef REF = ServiceAccountsTests.REF;
	static final ServiceAccountsProperties PROPERTIES = TestSettings.PROPERTIES;

	final ServiceAccounts accounts = mock(ServiceAccounts.class);

	// The engine's records, as fluent queries answering themselves (RETURNS_SELF) until
	// their list or
	// single result: by default an empty history.
	final HistoryService history = mock(HistoryService.class);

	final HistoricProcessInstanceQuery instances = mock(HistoricProcessInstanceQuery.class, RETURNS_SELF);

	final HistoricTaskInstanceQuery tasks = mock(HistoricTaskInstanceQuery.class, RETURNS_SELF);

	final UserOperationLogQuery operations = mock(UserOperationLogQuery.class, RETURNS_SELF);

	final HistoricDetailQuery details = mock(HistoricDetailQuery.class, RETURNS_SELF);

	/** An execution of instance-1 whose history says alice started it. */
	FakeExecution execution(Map<String, Object> variables) {
		FakeExecution execution = new FakeExecution(variables);
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		when(services.getHistoryService()).thenReturn(history);
		when(execution.execution.getProcessEngineServices()).thenReturn(services);
		when(history.createHistoricProcessInstanceQuery()).thenReturn(instances);
		when(history.createHistoricTaskInstanceQuery()).thenReturn(tasks);
		when(history.createUserOperationLogQuery()).thenReturn(operations);
		when(history.createHistoricDetailQuery()).thenReturn(details);
		HistoricProcessInstance instance = mock(HistoricProcessInstance.class);
		when(instance.getStartUserId()).thenReturn("alice");
		when(instances.singleResult()).thenReturn(instance);
		return execution;
	}

	/**
	 * The history holds a finished approval task completed by {@code approver}, which set
	 * {@code approved}.
	 */
	void approvedBy(String approver, boolean approved) {
		HistoricTaskInstance task = mock(HistoricTaskInstance.class);
		when(task.getId()).thenReturn("task-1");
		when(tasks.listPage(0, 1)).thenReturn(List.of(task));
		UserOperationLogEntry completion = mock(UserOperationLogEntry.class);
		when(completion.getUserId()).thenReturn(approver);
		when(completion.getOperationId()).thenReturn("op-1");
		when(operations.list()).thenReturn(List.of(completion));
		HistoricVariableUpdate decision = mock(HistoricVariableUpdate.class);
		when(decision.getVariableName()).thenReturn("approved");
		when(decision.getValue()).thenReturn(approved);
		when(details.list()).thenReturn(List.<HistoricDetail>of(decision));
	}

	/**
	 * The records asked for are this instance's, its approval task's completion and the
	 * decision that completion set.
	 */
	void verifyTheRecordsAskedFor() {
		verify(instances, atLeastOnce()).processInstanceId("instance-1");
		verify(tasks).processInstanceId("instance-1");
		verify(tasks).taskDefinitionKey(APPROVE_SERVICE_ACCOUNT);
		verify(tasks).finished();
		verify(operations).taskId("task-1");
		verify(operations).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE);
		verify(details).variableUpdates();
		verify(details).userOperationId("op-1");
	}

	@Test
	void createWritesTheAccountSysIdOwnedByTheRecordedRequester() throws Exception {
		// The requester variable says mallory; the engine recorded alice as the starter,
		// so alice owns the account.
		FakeExecution execution = execution(Map.of("accountUserName", "svc_jira_sync", "displayName", "Jira sync",
				"accountEmail", "", "requester", "mallory"));
		approvedBy("bob", true);
		when(accounts.create("svc_jira_sync", "Jira sync", null, "alice"))
			.thenReturn(ServiceAccountsTests.account(ALICE, false));

		new CreateServiceAccountDelegate(accounts).execute(execution.execution);

		assertThat(execution.variables).containsEntry("accountSysId", ACCOUNT);
		verifyTheRecordsAskedFor();
	}

	@Test
	void nameTakenBecomesTheModelledError() {
		FakeExecution execution = execution(Map.of("accountUserName", "svc_jira_sync", "displayName", "Jira sync"));
		approvedBy("bob", true);
		when(accounts.create(any(), any(), any(), any()))
			.thenThrow(new AccountNameTakenException("accountUserName: taken"));

		assertThatThrownBy(() -> new CreateServiceAccountDelegate(accounts).execute(execution.execution))
			.isInstanceOfSatisfying(BpmnError.class,
					error -> assertThat(error.getErrorCode()).isEqualTo(Errors.ACCOUNT_NAME_TAKEN));
	}

	@Test
	void nothingIsCreatedOrGrantedWithoutAnApprovalByAnotherPersonOnRecord() {
		Map<String, Object> variables = new HashMap<>(
				Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync", "displayName", "Jira sync",
						"approved", true, "approvalScope", "moreAccess", "requestedGroups", "CMDB Read Access"));

		// No approval task in the history at all (the query answers an empty list),
		// whatever the variables say.
		FakeExecution unapproved = execution(variables);
		assertThatThrownBy(() -> new CreateServiceAccountDelegate(accounts).execute(unapproved.execution))
			.isInstanceOf(UnsafeWriteException.class)
			.hasMessageContaining("no approval is on record");
		assertThatThrownBy(() -> new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(unapproved.execution))
			.isInstanceOf(UnsafeWriteException.class)
			.hasMessageContaining("no approval is on record");

		// Approved by the requester herself.
		approvedBy("alice", true);
		assertThatThrownBy(() -> new CreateServiceAccountDelegate(accounts).execute(unapproved.execution))
			.isInstanceOf(UnsafeWriteException.class)
			.hasMessageContaining("completed by the requester alice");

		// Completed by another person, who did not approve.
		approvedBy("bob", false);
		assertThatThrownBy(() -> new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(unapproved.execution))
			.isInstanceOf(UnsafeWriteException.class)
			.hasMessageContaining("that bob completed did not approve");

		verifyNoInteractions(accounts);
	}

	@Test
	void groupsAreTheDefaultGroupAndThoseGrantedAndAfterApprovalTheRequestedOnes() throws Exception {
		when(accounts.addToGroups(eq(REF), any()))
			.thenReturn(new ServiceAccounts.Evidence(List.of("cmdb_read", "itil"), "2026-11-29 10:00:00"));
		FakeExecution execution = execution(Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync",
				"grantedGroups", "", "approvalScope", "moreAccess", "requestedGroups", "CMDB Read Access"));
		approvedBy("bob", true);

		new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(execution.execution);

		verify(accounts).addToGroups(REF, List.of("ServiceNow Service Accounts", "CMDB Read Access"));
		verifyTheRecordsAskedFor();
		assertThat(execution.variables).containsEntry("grantedGroups", "CMDB Read Access")
			.containsEntry("accountRoles", "cmdb_read, itil")
			.containsEntry("accountLastLoginTime", "2026-11-29 10:00:00");
	}

	@Test
	void requestedGroupsAreIgnoredForANewAccount() throws Exception {
		when(accounts.addToGroups(eq(REF), any())).thenReturn(new ServiceAccounts.Evidence(List.of("itil"), null));
		FakeExecution execution = execution(Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync",
				"approvalScope", "newAccount", "requestedGroups", "CMDB Read Access"));
		approvedBy("bob", true);

		new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(execution.execution);

		verify(accounts).addToGroups(REF, List.of("ServiceNow Service Accounts"));
	}

	@Test
	void removeAndDeactivateActOnTheAccountOfTheRecordedRequester() throws Exception {
		FakeExecution execution = execution(
				Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync", "requester", "mallory"));

		new RemoveGuiAccessDelegate(accounts).execute(execution.execution);
		new DeactivateServiceAccountDelegate(accounts).execute(execution.execution);

		verify(accounts).removeGuiAccess(REF);
		verify(accounts).deactivate(REF);
	}

}
