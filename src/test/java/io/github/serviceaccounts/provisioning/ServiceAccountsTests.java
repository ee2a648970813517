package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.servicenow.GroupMembership;
import io.github.serviceaccounts.servicenow.NewServiceNowUser;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;
import io.github.serviceaccounts.servicenow.ServiceNowRefusedException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserRole;
import io.github.serviceaccounts.servicenow.UserRoles;

/** Each change looks before it writes, so a retry changes nothing twice. */
class ServiceAccountsTests {

	static final String ALICE = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
	static final String MALLORY = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
	static final String ACCOUNT = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";
	static final String DEFAULT_GROUP = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);
	final ServiceAccounts accounts = new ServiceAccounts(serviceNow, new GrantableGroups(serviceNow));

	static ServiceNowUser account(String owner, boolean webServiceOnly) {
		return new ServiceNowUser(ACCOUNT, "svc_jira_sync", "Jira sync", "", null, owner, true, false, webServiceOnly, true, null);
	}

	@BeforeEach
	void defaultGroup() {
		when(serviceNow.findGroupByName("ServiceNow Service Accounts"))
			.thenReturn(Optional.of(new ServiceNowGroup(DEFAULT_GROUP, "ServiceNow Service Accounts", true)));
		when(serviceNow.findGroupRoleNames(DEFAULT_GROUP)).thenReturn(List.of("itil", "rest_api_explorer"));
	}

	@Test
	void createsTheAccountOwnedByTheRequester() {
		when(serviceNow.findUserByUserName("svc_jira_sync")).thenReturn(Optional.empty());
		when(serviceNow.createUser(any())).thenReturn(account(ALICE, false));

		assertThat(accounts.create("svc_jira_sync", "Jira sync", null, ALICE).sysId()).isEqualTo(ACCOUNT);

		verify(serviceNow).createUser(new NewServiceNowUser("svc_jira_sync", "Jira sync", "", null, ALICE));
	}

	@Test
	void retryAfterALostAnswerFindsTheAccountAndCreatesNoSecond() {
		when(serviceNow.findUserByUserName("svc_jira_sync")).thenReturn(Optional.of(account(ALICE, false)));

		assertThat(accounts.create("svc_jira_sync", "Jira sync", null, ALICE).sysId()).isEqualTo(ACCOUNT);

		verify(serviceNow, never()).createUser(any());
	}

	@Test
	void nameTakenByAnotherOwnerIsABusinessRefusal() {
		when(serviceNow.findUserByUserName("svc_jira_sync")).thenReturn(Optional.of(account(MALLORY, false)));

		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, ALICE))
			.isInstanceOf(AccountNameTakenException.class)
			.hasMessageContaining("accountUserName: 'svc_jira_sync' was taken in ServiceNow by another account");
		verify(serviceNow, never()).createUser(any());
	}

	@Test
	void duplicateRefusedOnInsertIsLookedUpAgain() {
		when(serviceNow.findUserByUserName("svc_jira_sync")).thenReturn(Optional.empty(), Optional.of(account(MALLORY, false)));
		when(serviceNow.createUser(any())).thenThrow(new ServiceNowRefusedException("POST sys_user", 403, "Operation Failed",
				"Error during insert of sys_user (svc_jira_sync)"));

		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, ALICE)).isInstanceOf(AccountNameTakenException.class);
	}

	@Test
	void addsEachMembershipOnceAndConfirmsTheRoles() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(Optional.empty());
		when(serviceNow.addMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(new UserRole("rest_api_explorer", true), new UserRole("itil", true)), null));

		ServiceAccounts.Evidence evidence = accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts"));

		assertThat(evidence.roles()).containsExactly("itil", "rest_api_explorer");
		verify(serviceNow, times(1)).addMembership(ACCOUNT, DEFAULT_GROUP);
	}

	@Test
	void existingMembershipIsNotAddedAgain() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(new UserRole("itil", true), new UserRole("rest_api_explorer", true)), null));

		accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts"));

		verify(serviceNow, never()).addMembership(anyString(), anyString());
	}

	@Test
	void missingRolesAreATechnicalFailureToRetry() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(new UserRole("itil", true)), null));

		assertThatThrownBy(() -> accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("svc_jira_sync (" + ACCOUNT + ") is in the groups but does not hold rest_api_explorer yet");
	}

	@Test
	void theEvidenceIsReadWithTheRolesAndAnAccountWithoutRolesIsNamed() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(new UserRole("itil", true),
				new UserRole("rest_api_explorer", true)), "2026-11-29 10:00:00"));

		ServiceAccounts.Evidence evidence = accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts"));

		assertThat(evidence.lastLoginTime()).isEqualTo("2026-11-29 10:00:00");
		verify(serviceNow, never()).findUserBySysId(anyString());

		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(), null));
		assertThatThrownBy(() -> accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Service Accounts")))
			.hasMessageContaining("does not hold itil, rest_api_explorer (it holds no role at all; was it deleted in ServiceNow?)");
	}

	@Test
	void privilegedGroupIsNeverAdded() {
		String adminGroup = "adadadadadadadadadadadadadadadad";
		when(serviceNow.findGroupByName("ServiceNow Administrators"))
			.thenReturn(Optional.of(new ServiceNowGroup(adminGroup, "ServiceNow Administrators", true)));
		when(serviceNow.findGroupRoleNames(adminGroup)).thenReturn(List.of("admin"));

		assertThatThrownBy(() -> accounts.addToGroups(ACCOUNT, "svc_jira_sync", List.of("ServiceNow Administrators")))
			.hasMessageContaining("holds admin and is never granted");
		verify(serviceNow, never()).addMembership(anyString(), anyString());
	}

	@Test
	void removingGuiAccessIsReadBackAndAFailedReadBackIsAnError() {
		when(serviceNow.updateUser(ACCOUNT, Map.of("web_service_access_only", "true"))).thenReturn(account(ALICE, true));
		accounts.removeGuiAccess(ACCOUNT);
		verify(serviceNow).updateUser(ACCOUNT, Map.of("web_service_access_only", "true"));

		when(serviceNow.updateUser(ACCOUNT, Map.of("web_service_access_only", "true"))).thenReturn(account(ALICE, false));
		assertThatThrownBy(() -> accounts.removeGuiAccess(ACCOUNT)).hasMessageContaining("reads it back as false");
	}

	@Test
	void deactivationLocksTheAccountOut() {
		accounts.deactivate(ACCOUNT);

		verify(serviceNow).updateUser(ACCOUNT, Map.of("active", "false", "locked_out", "true"));
	}
}
