package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.request.FakeExecution;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.TestSettings;

/** The delegates read typed inputs, call one service and write outputs. */
class ProvisioningDelegatesTests {

	static final String ALICE = ServiceAccountsTests.ALICE;
	static final String ACCOUNT = ServiceAccountsTests.ACCOUNT;
	static final ServiceAccountsProperties PROPERTIES = TestSettings.PROPERTIES;

	final ServiceAccounts accounts = mock(ServiceAccounts.class);

	@Test
	void createWritesTheAccountSysId() throws Exception {
		FakeExecution execution = new FakeExecution(Map.of("accountUserName", "svc_jira_sync", "displayName", "Jira sync",
				"accountEmail", "", "requesterSysId", ALICE, "requester", "alice"));
		when(accounts.create("svc_jira_sync", "Jira sync", null, ALICE)).thenReturn(ServiceAccountsTests.account(ALICE, false));

		new CreateServiceAccountDelegate(accounts).execute(execution.execution);

		assertThat(execution.variables).containsEntry("accountSysId", ACCOUNT);
	}

	@Test
	void nameTakenBecomesTheModelledError() {
		FakeExecution execution = new FakeExecution(Map.of("accountUserName", "svc_jira_sync", "displayName", "Jira sync",
				"requesterSysId", ALICE));
		when(accounts.create(any(), any(), any(), any())).thenThrow(new AccountNameTakenException("accountUserName: taken"));

		assertThatThrownBy(() -> new CreateServiceAccountDelegate(accounts).execute(execution.execution))
			.isInstanceOfSatisfying(BpmnError.class, error -> assertThat(error.getErrorCode()).isEqualTo("accountNameTaken"));
	}

	@Test
	void groupsAreTheDefaultGroupAndThoseGrantedAndAfterApprovalTheRequestedOnes() throws Exception {
		when(accounts.addToGroups(eq(ACCOUNT), eq("svc_jira_sync"), any()))
			.thenReturn(new ServiceAccounts.Evidence(List.of("cmdb_read", "itil"), "2026-11-29 10:00:00"));
		FakeExecution execution = new FakeExecution(Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync",
				"grantedGroups", "", "approvalScope", "moreAccess", "requestedGroups", "CMDB Read Access"));

		new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(execution.execution);

		verify(accounts).addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts", "CMDB Read Access"));
		assertThat(execution.variables).containsEntry("grantedGroups", "CMDB Read Access")
			.containsEntry("accountRoles", "cmdb_read, itil")
			.containsEntry("accountLastLoginTime", "2026-11-29 10:00:00");
	}

	@Test
	void requestedGroupsAreIgnoredForANewAccount() throws Exception {
		when(accounts.addToGroups(eq(ACCOUNT), eq("svc_jira_sync"), any())).thenReturn(new ServiceAccounts.Evidence(List.of("itil"), null));
		FakeExecution execution = new FakeExecution(Map.of("accountSysId", ACCOUNT, "accountUserName", "svc_jira_sync",
				"approvalScope", "newAccount", "requestedGroups", "CMDB Read Access"));

		new AddAccountToGroupsDelegate(accounts, PROPERTIES).execute(execution.execution);

		verify(accounts).addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts"));
	}

	@Test
	void removeAndDeactivateActOnTheAccount() throws Exception {
		FakeExecution execution = new FakeExecution(Map.of("accountSysId", ACCOUNT));

		new RemoveGuiAccessDelegate(accounts).execute(execution.execution);
		new DeactivateServiceAccountDelegate(accounts).execute(execution.execution);

		verify(accounts).removeGuiAccess(ACCOUNT);
		verify(accounts).deactivate(ACCOUNT);
	}
}
