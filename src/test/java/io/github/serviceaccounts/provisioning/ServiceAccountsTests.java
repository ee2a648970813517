package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.servicenow.GroupMembership;
import io.github.serviceaccounts.servicenow.NewServiceNowUser;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;
import io.github.serviceaccounts.servicenow.ServiceNowRefusedException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;
import io.github.serviceaccounts.servicenow.UserAndManager;
import io.github.serviceaccounts.servicenow.UserRole;
import io.github.serviceaccounts.servicenow.UserRoles;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

/**
 * Each change looks before it writes, so a retry changes nothing twice; and no write
 * reaches an account that was not verified.
 */
class ServiceAccountsTests {

	static final String ALICE = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
	static final String MALLORY = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
	static final String ACCOUNT = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";
	static final String DEFAULT_GROUP = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";

	/**
	 * What the engine recorded for the request: account sys_id and name, and the
	 * requester (owner).
	 */
	static final AccountRef REF = new AccountRef(ACCOUNT, "svc_jira_sync", "alice");

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	final ServiceAccounts accounts = new ServiceAccounts(serviceNow, new GrantableGroups(serviceNow));

	final VerifiedServiceAccount verified = verified(owner(true, "alice@example.com"));

	static ServiceNowUser account(String owner, boolean webServiceOnly) {
		return new ServiceNowUser(ACCOUNT, "svc_jira_sync", "Jira sync", "", null, owner, true, false, webServiceOnly,
				true, null, null, null);
	}

	/**
	 * Alice as the account's manager, read by dot-walking (only the fields read through
	 * the reference).
	 */
	static ServiceNowUser owner(boolean active, String email) {
		return new ServiceNowUser(ALICE, "alice", "Alice", "Example", email, null, active, false, false, false, null,
				null, null);
	}

	/**
	 * What {@link ServiceNowClient#verifyServiceAccount} answers for the account owned by
	 * {@code owner}.
	 */
	static VerifiedServiceAccount verified(ServiceNowUser owner) {
		VerifiedServiceAccount verified = mock(VerifiedServiceAccount.class);
		when(verified.account()).thenReturn(account(owner.sysId(), false));
		when(verified.owner()).thenReturn(owner);
		when(verified.sysId()).thenReturn(ACCOUNT);
		when(verified.userName()).thenReturn("svc_jira_sync");
		return verified;
	}

	static Map<String, Optional<UserAndManager>> found(Optional<ServiceNowUser> requester,
			Optional<ServiceNowUser> existing) {
		Map<String, Optional<UserAndManager>> found = new LinkedHashMap<>();
		found.put("alice", requester.map(user -> new UserAndManager(user, Optional.empty())));
		found.put("svc_jira_sync", existing.map(user -> new UserAndManager(user, Optional.empty())));
		return found;
	}

	static ServiceNowUser alice(boolean active) {
		return new ServiceNowUser(ALICE, "alice", "Alice", "Example", "alice@example.com", null, active, false, false,
				false, null, null, null);
	}

	void lookUp(Optional<ServiceNowUser> requester, Optional<ServiceNowUser> existing) {
		when(serviceNow.findUsersAndManagersByUserNames(List.of("alice", "svc_jira_sync")))
			.thenReturn(found(requester, existing));
	}

	@BeforeEach
	void defaultGroupAndVerifiedAccount() {
		when(serviceNow.findGroupByName("ServiceNow Service Accounts"))
			.thenReturn(Optional.of(new ServiceNowGroup(DEFAULT_GROUP, "ServiceNow Service Accounts", true)));
		when(serviceNow.findGroupRoleNames(DEFAULT_GROUP)).thenReturn(List.of("itil", "rest_api_explorer"));
		when(serviceNow.verifyServiceAccount(ACCOUNT, "svc_jira_sync", "alice")).thenReturn(verified);
	}

	@Test
	void createsTheAccountOwnedByTheRequester() {
		lookUp(Optional.of(alice(true)), Optional.empty());
		when(serviceNow.createUser(any())).thenReturn(account(ALICE, false));

		assertThat(accounts.create("svc_jira_sync", "Jira sync", null, "alice").sysId()).isEqualTo(ACCOUNT);

		verify(serviceNow).createUser(new NewServiceNowUser("svc_jira_sync", "Jira sync", "", null, ALICE));
	}

	@Test
	void aRequesterWhoIsMissingOrInactiveInServiceNowOwnsNothing() {
		lookUp(Optional.empty(), Optional.empty());
		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, "alice"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("The requester alice is not an active ServiceNow user any more");

		lookUp(Optional.of(alice(false)), Optional.empty());
		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, "alice"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("nothing was created");

		verify(serviceNow, never()).createUser(any());
	}

	@Test
	void retryAfterALostAnswerFindsTheAccountAndCreatesNoSecond() {
		lookUp(Optional.of(alice(true)), Optional.of(account(ALICE, false)));

		assertThat(accounts.create("svc_jira_sync", "Jira sync", null, "alice").sysId()).isEqualTo(ACCOUNT);

		verify(serviceNow, never()).createUser(any());
	}

	@Test
	void nameTakenByAnotherOwnerIsABusinessRefusal() {
		lookUp(Optional.of(alice(true)), Optional.of(account(MALLORY, false)));

		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, "alice"))
			.isInstanceOf(AccountNameTakenException.class)
			.hasMessageContaining("Account user name: 'svc_jira_sync' was taken in ServiceNow by another account");
		verify(serviceNow, never()).createUser(any());
	}

	@Test
	void duplicateRefusedOnInsertIsLookedUpAgain() {
		lookUp(Optional.of(alice(true)), Optional.empty());
		when(serviceNow.findUserByUserName("svc_jira_sync")).thenReturn(Optional.of(account(MALLORY, false)));
		when(serviceNow.createUser(any())).thenThrow(new ServiceNowRefusedException("POST sys_user", 403,
				"Operation Failed", "Error during insert of sys_user (svc_jira_sync)"));

		assertThatThrownBy(() -> accounts.create("svc_jira_sync", "Jira sync", null, "alice"))
			.isInstanceOf(AccountNameTakenException.class);
		verify(serviceNow).findUserByUserName("svc_jira_sync");
	}

	@Test
	void addsEachMembershipOnceAndConfirmsTheRoles() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP)).thenReturn(Optional.empty());
		when(serviceNow.addMembership(verified, DEFAULT_GROUP))
			.thenReturn(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(
				new UserRoles(List.of(new UserRole("rest_api_explorer", true), new UserRole("itil", true)), null));

		ServiceAccounts.Evidence evidence = accounts.addToGroups(REF, List.of("ServiceNow Service Accounts"));

		assertThat(evidence.roles()).containsExactly("itil", "rest_api_explorer");
		verify(serviceNow, times(1)).addMembership(verified, DEFAULT_GROUP);
	}

	@Test
	void existingMembershipIsNotAddedAgain() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP))
			.thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(
				new UserRoles(List.of(new UserRole("itil", true), new UserRole("rest_api_explorer", true)), null));

		accounts.addToGroups(REF, List.of("ServiceNow Service Accounts"));

		verify(serviceNow, never()).addMembership(any(VerifiedServiceAccount.class), anyString());
	}

	@Test
	void missingRolesAreATechnicalFailureToRetry() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP))
			.thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(new UserRole("itil", true)), null));

		assertThatThrownBy(() -> accounts.addToGroups(REF, List.of("ServiceNow Service Accounts")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(
					"svc_jira_sync (" + ACCOUNT + ") is in the groups but does not hold rest_api_explorer yet");
	}

	@Test
	void theEvidenceIsReadWithTheRolesAndAnAccountWithoutRolesIsNamed() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP))
			.thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(
				List.of(new UserRole("itil", true), new UserRole("rest_api_explorer", true)), "2026-11-29 10:00:00"));

		ServiceAccounts.Evidence evidence = accounts.addToGroups(REF, List.of("ServiceNow Service Accounts"));

		assertThat(evidence.lastLoginTime()).isEqualTo("2026-11-29 10:00:00");
		verify(serviceNow, never()).findUserBySysId(anyString());

		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(new UserRoles(List.of(), null));
		assertThatThrownBy(() -> accounts.addToGroups(REF, List.of("ServiceNow Service Accounts")))
			.hasMessageContaining(
					"does not hold itil, rest_api_explorer (it holds no role at all; was it deleted in ServiceNow?)");
	}

	@Test
	void privilegedGroupIsNeverAdded() {
		String adminGroup = "adadadadadadadadadadadadadadadad";
		when(serviceNow.findGroupByName("ServiceNow Administrators"))
			.thenReturn(Optional.of(new ServiceNowGroup(adminGroup, "ServiceNow Administrators", true)));
		when(serviceNow.findGroupRoleNames(adminGroup)).thenReturn(List.of("admin"));

		assertThatThrownBy(() -> accounts.addToGroups(REF, List.of("ServiceNow Administrators")))
			.hasMessageContaining("holds admin and is never granted");
		verify(serviceNow, never()).addMembership(any(VerifiedServiceAccount.class), anyString());
	}

	@Test
	void removingGuiAccessIsReadBackAndAFailedReadBackIsAnError() {
		when(serviceNow.updateUser(verified, Map.of("web_service_access_only", "true")))
			.thenReturn(account(ALICE, true));
		accounts.removeGuiAccess(REF);
		verify(serviceNow).updateUser(verified, Map.of("web_service_access_only", "true"));

		when(serviceNow.updateUser(verified, Map.of("web_service_access_only", "true")))
			.thenReturn(account(ALICE, false));
		assertThatThrownBy(() -> accounts.removeGuiAccess(REF)).hasMessageContaining("reads it back as false");
	}

	@Test
	void whereTheInstanceKnowsIdentityTypesRemovingGuiAccessAlsoMakesAMachineIdentityAndReadsItBack() {
		Map<String, String> machine = Map.of("web_service_access_only", "true", "identity_type", "machine");
		when(serviceNow.hasIdentityType()).thenReturn(true);
		when(serviceNow.updateUser(verified, machine)).thenReturn(machineAccount("machine"));

		accounts.removeGuiAccess(REF);

		verify(serviceNow).updateUser(verified, machine);
	}

	@Test
	void anIdentityTypeThatDoesNotReadBackAsMachineIsAnErrorNamingTheField() {
		when(serviceNow.hasIdentityType()).thenReturn(true);
		when(serviceNow.updateUser(verified, Map.of("web_service_access_only", "true", "identity_type", "machine")))
			.thenReturn(machineAccount("human"));

		assertThatThrownBy(() -> accounts.removeGuiAccess(REF)).hasMessageContaining("identity_type")
			.hasMessageContaining("reads it back as 'human'");
	}

	static ServiceNowUser machineAccount(String identityType) {
		return new ServiceNowUser(ACCOUNT, "svc_jira_sync", "Jira sync", "", null, ALICE, true, false, true, true, null,
				identityType, "2025-05-05 10:00:00");
	}

	@Test
	void deactivationLocksTheAccountOut() {
		accounts.deactivate(REF);

		verify(serviceNow).updateUser(verified, Map.of("active", "false", "locked_out", "true"));
	}

	@Test
	void eachWriteFirstVerifiesTheAccountAgainstTheRequestsNameAndOwner() {
		when(serviceNow.findMembership(ACCOUNT, DEFAULT_GROUP))
			.thenReturn(Optional.of(new GroupMembership("m", ACCOUNT, DEFAULT_GROUP)));
		when(serviceNow.findUserRoles(ACCOUNT)).thenReturn(
				new UserRoles(List.of(new UserRole("itil", true), new UserRole("rest_api_explorer", true)), null));
		when(serviceNow.updateUser(verified, Map.of("web_service_access_only", "true")))
			.thenReturn(account(ALICE, true));

		accounts.addToGroups(REF, List.of("ServiceNow Service Accounts"));
		accounts.removeGuiAccess(REF);
		accounts.deactivate(REF);

		verify(serviceNow, times(3)).verifyServiceAccount(ACCOUNT, "svc_jira_sync", "alice");
	}

	@Test
	void anAccountThatFailsVerificationIsNeverWritten() {
		// The request's sys_id points at a person (alice's own record): ServiceNow's
		// answer refuses it.
		AccountRef person = new AccountRef(ALICE, "svc_jira_sync", "alice");
		UnsafeWriteException refused = new UnsafeWriteException("Refused to change sys_user " + ALICE
				+ " ('alice'): its user name "
				+ "does not start with svc_, so it is not a service account; it is not svc_jira_sync. Nothing was written.");
		when(serviceNow.verifyServiceAccount(ALICE, "svc_jira_sync", "alice")).thenThrow(refused);

		for (Executable write : List.<Executable>of(
				() -> accounts.addToGroups(person, List.of("ServiceNow Service Accounts")),
				() -> accounts.removeGuiAccess(person), () -> accounts.deactivate(person))) {
			assertThatThrownBy(write::execute).isSameAs(refused);
		}

		verify(serviceNow, times(3)).verifyServiceAccount(ALICE, "svc_jira_sync", "alice");
		// Nothing else: no membership added or even looked up, no user updated.
		verifyNoMoreInteractions(serviceNow);
	}

}
