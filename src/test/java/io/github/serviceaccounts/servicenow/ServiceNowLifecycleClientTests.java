package io.github.serviceaccounts.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ACCOUNT_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ALICE_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.GROUP_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.MEMBERSHIP_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.NOW;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.TABLE;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the service account lifecycle (#20) asks of the Table API: the identity_type
 * probe, memberships and their removal, pages of accounts with their owners, the
 * verification of adopted accounts, and what goes over the wire for each.
 */
class ServiceNowLifecycleClientTests {

	static final String OTHER_GROUP_SYS_ID = "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1";

	static final String BOB_SYS_ID = "46d44a23a9fe19810012d100cca80666";

	static final String GONE_SYS_ID = "0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d";

	static final String MACHINE_QUERY = "identity_type=machine^active=true^ORDERBYsys_id";

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private ServiceNowClient client;

	@BeforeEach
	void setUp() {
		this.client = ServiceNowFixtures.client(serviceNow.baseUrl());
	}

	// identity_type

	@Test
	void identityTypeIsThereWhenTheInstanceAnswersTheFieldAndIsAskedOnce() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\",\"identity_type\":\"\"}");

		assertThat(client.hasIdentityType()).isTrue();
		assertThat(client.hasIdentityType()).isTrue();

		serviceNow.verify(1,
				getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
					.withQueryParam("sysparm_fields", equalTo("sys_id,identity_type"))
					.withQueryParam("sysparm_limit", equalTo("1"))
					.withQueryParam("sysparm_query", absent()));
	}

	@Test
	void anOlderInstanceLeavesTheUnknownFieldOutAndHasNoIdentityType() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\"}");

		assertThat(client.hasIdentityType()).isFalse();
		assertThat(client.hasIdentityType()).isFalse();

		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void aFailedProbeIsNotRememberedSoTheNextCallAsksAgain() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-transaction-cancelled-500.json")).withStatus(500)));
		assertThatExceptionOfType(ServiceNowTransientException.class).isThrownBy(client::hasIdentityType);

		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\",\"identity_type\":\"human\"}");
		assertThat(client.hasIdentityType()).isTrue();
		serviceNow.verify(2, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void usersCarryTheirIdentityTypeAndCreationTimeAndEmptyOnesAreNull() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).willReturn(okJson(result(
				user(ACCOUNT_SYS_ID, "svc_jira_sync", ALICE_SYS_ID, "machine", "2025-02-03 04:05:06", "true")))));
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ALICE_SYS_ID))
			.willReturn(okJson(result(user(ALICE_SYS_ID, "alice.example", "", "", "", "false")))));

		ServiceNowUser account = client.findUserBySysId(ACCOUNT_SYS_ID).orElseThrow();
		ServiceNowUser alice = client.findUserBySysId(ALICE_SYS_ID).orElseThrow();

		assertThat(account.identityType()).isEqualTo("machine");
		assertThat(account.createdOn()).isEqualTo("2025-02-03 04:05:06");
		assertThat(alice.identityType()).isNull();
		assertThat(alice.createdOn()).isNull();
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS)));
		assertThat(ServiceNowClient.USER_FIELDS).endsWith(",identity_type,sys_created_on");
	}

	// findUserAndManagerByUserName / BySysId

	@Test
	void userAndManagerByNameIsOneCall() {
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json"))));

		UserAndManager found = client.findUserAndManagerByUserName("Alice.Example").orElseThrow();

		assertThat(found.user().sysId()).isEqualTo(ALICE_SYS_ID);
		assertThat(found.manager().map(ServiceNowUser::userName)).contains("bob.example");
		serviceNow.verify(1,
				getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
					.withQueryParam("sysparm_query", equalTo("user_name=Alice.Example"))
					.withQueryParam("sysparm_limit", equalTo("2"))
					.withQueryParam("sysparm_fields",
							equalTo(ServiceNowClient.USER_FIELDS + "," + ServiceNowClient.MANAGER_FIELDS)));
	}

	@Test
	void userAndManagerByNameRefusesAnotherUser() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(
				okJson(body("user-with-manager-list-one.json").replace("alice.example\"", "mallory.example\""))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.findUserAndManagerByUserName("alice.example"))
			.withMessageContaining("asked for user_name=alice.example");
	}

	@Test
	void userAndManagerBySysIdIsOneCallAndNotFoundIsEmpty() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).willReturn(okJson(
				result(withManager(user(ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, "", "", "false"), BOB_SYS_ID)))));
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ALICE_SYS_ID))
			.willReturn(okJson(body("error-no-record-404.json")).withStatus(404)));

		UserAndManager found = client.findUserAndManagerBySysId(ACCOUNT_SYS_ID).orElseThrow();

		assertThat(found.manager().map(ServiceNowUser::userName)).contains("bob.example");
		assertThat(client.findUserAndManagerBySysId(ALICE_SYS_ID)).isEmpty();
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).withQueryParam(
				"sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS + "," + ServiceNowClient.MANAGER_FIELDS)));
	}

	@Test
	void userAndManagerBySysIdRefusesAnotherRecord() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(result(user(ALICE_SYS_ID, "alice.example", "", "", "", "false")))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.findUserAndManagerBySysId(ACCOUNT_SYS_ID));
	}

	// findMemberships / removeMembership

	@Test
	void membershipsOfAUserComeWithTheGroupsNames() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(list(
				membershipRow(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, GROUP_SYS_ID, "ServiceNow Service Accounts"),
				membershipRow("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, OTHER_GROUP_SYS_ID, "CMDB Read")))));

		List<UserGroupMembership> memberships = client.findMemberships(ACCOUNT_SYS_ID);

		assertThat(memberships).containsExactly(
				new UserGroupMembership(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, GROUP_SYS_ID, "ServiceNow Service Accounts"),
				new UserGroupMembership("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, OTHER_GROUP_SYS_ID,
						"CMDB Read"));
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.withQueryParam("sysparm_query", equalTo("user=" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_fields", equalTo("sys_id,user,group,group.name"))
			.withQueryParam("sysparm_offset", equalTo("0")));
	}

	@Test
	void membershipsAreReadOverAllPages() {
		List<String> firstPage = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			firstPage.add(membershipRow(String.format("%032x", i + 1), ACCOUNT_SYS_ID, GROUP_SYS_ID, "G"));
		}
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).withQueryParam("sysparm_offset", equalTo("0"))
				.willReturn(okJson(list(firstPage.toArray(String[]::new)))));
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).withQueryParam("sysparm_offset", equalTo("500"))
				.willReturn(okJson(list(membershipRow(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, OTHER_GROUP_SYS_ID, "H")))));

		assertThat(client.findMemberships(ACCOUNT_SYS_ID)).hasSize(501);
		serviceNow.verify(2, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")));
	}

	@Test
	void membershipsOfAnotherUserAreRefused() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.willReturn(okJson(list(membershipRow(MEMBERSHIP_SYS_ID, ALICE_SYS_ID, GROUP_SYS_ID, "G")))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.findMemberships(ACCOUNT_SYS_ID))
			.withMessageContaining("asked for user=" + ACCOUNT_SYS_ID);
	}

	@Test
	void removingAMembershipDeletesItsRow() {
		serviceNow.stubFor(delete(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID))
			.willReturn(aResponse().withStatus(204)));

		client.removeMembership(verifiedAccount(), ourMembership());

		serviceNow.verify(1, deleteRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID)));
	}

	@Test
	void removingAMembershipThatIsAlreadyGoneIsDone() {
		serviceNow.stubFor(delete(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID))
			.willReturn(okJson(body("error-no-record-404.json")).withStatus(404)));

		client.removeMembership(verifiedAccount(), ourMembership());

		serviceNow.verify(1, deleteRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID)));
	}

	@Test
	void aNotFoundThatIsNotServiceNowsIsAnError() {
		// A proxy's 404 page, or a wrong base URL: nothing says the row is gone.
		serviceNow.stubFor(delete(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID))
			.willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

		assertThatExceptionOfType(ServiceNowRefusedException.class)
			.isThrownBy(() -> client.removeMembership(verifiedAccount(), ourMembership()));
	}

	@Test
	void aServerErrorOnRemovalMayHaveCommittedAndSaysUntilWhen() {
		serviceNow.stubFor(delete(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID))
			.willReturn(okJson(body("error-transaction-cancelled-500.json")).withStatus(500)));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> client.removeMembership(verifiedAccount(), ourMembership()))
			.satisfies(ex -> assertThat(ex.getWriteInDoubtUntil())
				.contains(NOW.plus(ServiceNowClient.DEFAULT_WRITE_SETTLE_TIME)));
	}

	@Test
	void aRefusedRemovalIsRefused() {
		serviceNow.stubFor(delete(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID))
			.willReturn(okJson(body("error-duplicate-user-name-403.json")).withStatus(403)));

		assertThatExceptionOfType(ServiceNowRefusedException.class)
			.isThrownBy(() -> client.removeMembership(verifiedAccount(), ourMembership()));
	}

	@Test
	void anotherUsersMembershipIsNeverRemoved() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.removeMembership(verifiedAccount(),
					new UserGroupMembership(MEMBERSHIP_SYS_ID, ALICE_SYS_ID, GROUP_SYS_ID, "G")))
			.withMessageContaining("not to svc_jira_sync");
		serviceNow.verify(0, deleteRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember/" + MEMBERSHIP_SYS_ID)));
	}

	// groupMembersPage

	@Test
	void aPageOfGroupMembersIsOneCallWithTheMembersAndTheirOwners() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\",\"identity_type\":\"\"}");
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(
				list(member("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, true),
						member("c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2", "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2", "svc_orphan",
								GONE_SYS_ID, false),
						member("c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3", "svc_nobody", "",
								false)))));

		AccountPage page = client.groupMembersPage(GROUP_SYS_ID, 200, 3);

		assertThat(page.more()).isTrue();
		assertThat(page.accounts()).hasSize(3);
		AccountState owned = page.accounts().get(0);
		assertThat(owned.account().userName()).isEqualTo("svc_jira_sync");
		assertThat(owned.account().identityType()).isEqualTo("machine");
		assertThat(owned.account().lastLoginTime()).isEqualTo("2025-04-01 12:00:00");
		assertThat(owned.account().createdOn()).isEqualTo("2025-01-02 03:04:05");
		assertThat(owned.manager().map(ServiceNowUser::userName)).contains("bob.example");
		assertThat(owned.managerGone()).isFalse();
		AccountState orphan = page.accounts().get(1);
		assertThat(orphan.manager()).isEmpty();
		assertThat(orphan.managerGone()).isTrue();
		assertThat(orphan.account().managerSysId()).isEqualTo(GONE_SYS_ID);
		AccountState nobody = page.accounts().get(2);
		assertThat(nobody.manager()).isEmpty();
		assertThat(nobody.managerGone()).isFalse();
		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.withQueryParam("sysparm_query", equalTo("group=" + GROUP_SYS_ID + "^user.active=true^ORDERBYsys_id"))
			.withQueryParam("sysparm_offset", equalTo("200"))
			.withQueryParam("sysparm_limit", equalTo("3"))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.MEMBER_FIELDS + ",user.identity_type")));
		assertThat(ServiceNowClient.MEMBER_FIELDS).contains("user.manager.sys_id", "user.manager.active",
				"user.sys_created_on", "user.last_login_time", "user.web_service_access_only");
	}

	@Test
	void aShortPageIsTheLastAndAnOlderInstanceIsNotAskedForIdentityType() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\"}");
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(
				list(member("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, true)))));

		AccountPage page = client.groupMembersPage(GROUP_SYS_ID, 0, 1000);

		assertThat(page.more()).isFalse();
		assertThat(page.accounts()).hasSize(1);
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")).withQueryParam("sysparm_fields",
				equalTo(ServiceNowClient.MEMBER_FIELDS)));
	}

	@Test
	void aMemberOfAnotherGroupOrAnInactiveMemberIsRefused() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\"}");
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(
				list(member("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, true)
					.replace(GROUP_SYS_ID, OTHER_GROUP_SYS_ID)))));
		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, 0, 10))
			.withMessageContaining("asked for group=" + GROUP_SYS_ID + "^user.active=true");

		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(
				list(member("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, true)
					.replace("\"user.active\":\"true\"", "\"user.active\":\"false\"")))));
		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, 0, 10));
	}

	@Test
	void aManagerReadThroughTheReferenceAsAnotherRecordIsRefused() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\"}");
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(list(
				member("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, true).replace(
						"\"user.manager.sys_id\":\"" + BOB_SYS_ID, "\"user.manager.sys_id\":\"" + ALICE_SYS_ID)))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, 0, 10))
			.withMessageContaining("with manager " + BOB_SYS_ID);
	}

	@Test
	void pageBoundsAreCheckedBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, -1, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID, 0, 1001));
		assertThatIllegalArgumentException().isThrownBy(() -> client.machineIdentitiesPage(0, 1001));
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> client.groupMembersPage(GROUP_SYS_ID + "^NQactive=true", 0, 10));
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")));
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	// machineIdentitiesPage

	@Test
	void aPageOfMachineIdentitiesIsOneCallWithTheirOwners() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\",\"identity_type\":\"human\"}");
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).withQueryParam("sysparm_query", equalTo(MACHINE_QUERY))
				.willReturn(okJson(list(
						withManager(user(ACCOUNT_SYS_ID, "svc_jira_sync", BOB_SYS_ID, "machine", "2025-01-02 03:04:05",
								"true"), BOB_SYS_ID),
						user("a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2", "svc_other", "", "machine", "", "true")))));

		AccountPage page = client.machineIdentitiesPage(0, 2);

		assertThat(page.more()).isTrue();
		assertThat(page.accounts()).extracting(state -> state.account().userName())
			.containsExactly("svc_jira_sync", "svc_other");
		assertThat(page.accounts().get(0).manager().map(ServiceNowUser::userName)).contains("bob.example");
		assertThat(page.accounts().get(1).manager()).isEmpty();
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
			.withQueryParam("sysparm_query", equalTo(MACHINE_QUERY))
			.withQueryParam("sysparm_offset", equalTo("0"))
			.withQueryParam("sysparm_limit", equalTo("2"))
			.withQueryParam("sysparm_fields",
					equalTo(ServiceNowClient.USER_FIELDS + "," + ServiceNowClient.MANAGER_FIELDS)));
	}

	@Test
	void aHumanAmongTheMachineIdentitiesIsRefused() {
		// As when the instance dropped the condition on identity_type: every active user
		// comes back.
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\",\"identity_type\":\"human\"}");
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).withQueryParam("sysparm_query", equalTo(MACHINE_QUERY))
				.willReturn(okJson(list(user(ALICE_SYS_ID, "alice.example", "", "human", "", "false")))));

		assertThatExceptionOfType(UnexpectedResultException.class).isThrownBy(() -> client.machineIdentitiesPage(0, 10))
			.withMessageContaining("asked for identity_type=machine^active=true");
	}

	@Test
	void anInstanceWithoutIdentityTypeIsNeverAskedForMachineIdentities() {
		probeAnswers("{\"sys_id\":\"" + ALICE_SYS_ID + "\"}");

		assertThatIllegalStateException().isThrownBy(() -> client.machineIdentitiesPage(0, 10))
			.withMessageContaining("no identity_type field");

		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withQueryParam("sysparm_query",
				equalTo(MACHINE_QUERY)));
	}

	// verifyGovernedAccount

	@Test
	void anAdoptedMachineIdentityOwnedByAnAcceptedOwnerIsVerified() {
		governed(user(ACCOUNT_SYS_ID, "legacy_sync", BOB_SYS_ID, "machine", "", "false"), "someone", BOB_SYS_ID);

		VerifiedServiceAccount account = client.verifyGovernedAccount(ACCOUNT_SYS_ID, "LEGACY_SYNC",
				List.of("alice.example", "Bob.Example"), false, GROUP_SYS_ID);

		assertThat(account.owner().userName()).isEqualTo("bob.example");
		assertThat(account.ownerIfAny()).isPresent();
		// Nothing else was needed: no membership look-up.
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")));
	}

	@Test
	void anAccountOfThisApplicationOrWebServiceOnlyIsAServiceAccountToo() {
		governed(user(ACCOUNT_SYS_ID, "legacy_sync", BOB_SYS_ID, "", "", "false"), "integration", BOB_SYS_ID);
		assertThat(client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), false,
				GROUP_SYS_ID))
			.isNotNull();

		governed(user(ACCOUNT_SYS_ID, "legacy_sync", BOB_SYS_ID, "", "", "true"), "someone", BOB_SYS_ID);
		assertThat(client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), false,
				GROUP_SYS_ID))
			.isNotNull();
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")));
	}

	@Test
	void onlyWhenNothingElseShowsItTheServiceAccountGroupIsAskedWithOneMoreCall() {
		governed(user(ACCOUNT_SYS_ID, "legacy_sync", BOB_SYS_ID, "human", "", "false"), "someone", BOB_SYS_ID);
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(list("{\"sys_id\":\""
				+ MEMBERSHIP_SYS_ID + "\",\"user\":\"" + ACCOUNT_SYS_ID + "\",\"group\":\"" + GROUP_SYS_ID + "\"}"))));

		client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), false, GROUP_SYS_ID);

		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.withQueryParam("sysparm_query", equalTo("user=" + ACCOUNT_SYS_ID + "^group=" + GROUP_SYS_ID)));
	}

	@Test
	void aPersonWithAnotherOwnerIsRefusedNamingEveryBrokenRule() {
		governed(user(ACCOUNT_SYS_ID, "alice.example", BOB_SYS_ID, "human", "", "false"), "admin", BOB_SYS_ID);
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(list())));

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("carol"), true,
					GROUP_SYS_ID))
			.withMessageStartingWith("Refused to change sys_user " + ACCOUNT_SYS_ID + " ('alice.example')")
			.withMessageContaining("it is not legacy_sync")
			.withMessageContaining("its owner (manager) is 'bob.example', not one of [carol]")
			.withMessageContaining("nothing shows it is a service account")
			.withMessageEndingWith("Nothing was written.");
		serviceNow.verify(0, patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)));
	}

	@Test
	void theIntegrationUserItselfIsNeverGovernedEvenInTheServiceAccountGroup() {
		governed(
				user(ACCOUNT_SYS_ID, ServiceAccountPolicy.DEFAULT.integrationUser(), BOB_SYS_ID, "machine", "", "true"),
				"admin", BOB_SYS_ID);

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyGovernedAccount(ACCOUNT_SYS_ID,
					ServiceAccountPolicy.DEFAULT.integrationUser(), List.of("bob.example"), false, GROUP_SYS_ID))
			.withMessageContaining("it is the integration user this application signs in as")
			.withMessageEndingWith("Nothing was written.");
		serviceNow.verify(0, patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)));
	}

	@Test
	void anAccountWithoutOwnerOrWithAGoneOwnerIsAcceptedOnlyWhenAsked() {
		governed(user(ACCOUNT_SYS_ID, "legacy_sync", GONE_SYS_ID, "machine", "", "false"), "someone", "");

		VerifiedServiceAccount orphan = client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync",
				List.of("bob.example"), true, GROUP_SYS_ID);
		assertThat(orphan.owner()).isNull();
		assertThat(orphan.ownerIfAny()).isEmpty();
		assertThat(orphan.toString()).contains("owner none");

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), false,
					GROUP_SYS_ID))
			.withMessageContaining("lost its owner");

		governed(user(ACCOUNT_SYS_ID, "legacy_sync", "", "machine", "", "false"), "someone", "");
		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), false,
					GROUP_SYS_ID))
			.withMessageContaining("has no owner (manager)");
	}

	@Test
	void aGoneAccountIsRefused() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("error-no-record-404.json")).withStatus(404)));

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyGovernedAccount(ACCOUNT_SYS_ID, "legacy_sync", List.of("bob.example"), true,
					GROUP_SYS_ID))
			.withMessageContaining("no such user");
	}

	// updateUser

	@Test
	void theLifecycleFieldsMayBeWritten() {
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-updated-200.json"))));

		client.updateUser(verifiedAccount(),
				Map.of("identity_type", "machine", "manager", BOB_SYS_ID, "locked_out", "true", "active", "false"));

		serviceNow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)));
	}

	@Test
	void internalIntegrationUserIsNeverWritten() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.updateUser(verifiedAccount(), Map.of("internal_integration_user", "true")))
			.withMessageContaining("internal_integration_user is never written");
		serviceNow.verify(0, patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)));
	}

	// helpers

	private static VerifiedServiceAccount verifiedAccount() {
		return new VerifiedServiceAccount(
				new ServiceNowUser(ACCOUNT_SYS_ID, "svc_jira_sync", "Jira", "Sync", "", ALICE_SYS_ID, true, false,
						false, false, null, null, null),
				new ServiceNowUser(ALICE_SYS_ID, "alice.example", "Alice", "Example", "alice@example.com", null, true,
						false, false, false, null, null, null));
	}

	private static UserGroupMembership ourMembership() {
		return new UserGroupMembership(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, GROUP_SYS_ID, "ServiceNow Service Accounts");
	}

	private static void probeAnswers(String row) {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.withQueryParam("sysparm_fields", equalTo("sys_id,identity_type"))
			.willReturn(okJson(list(row))));
	}

	private static void governed(String userRow, String createdBy, String managerSysId) {
		String row = userRow.replace("}", ",\"sys_created_by\":\"" + createdBy + "\"}");
		row = managerSysId.isEmpty() ? row.replace("}", ",\"manager.sys_id\":\"\",\"manager.user_name\":\"\"}")
				: withManager(row, managerSysId);
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).willReturn(okJson(result(row))));
	}

	/** A sys_user row as ServiceNow sends it with USER_FIELDS. */
	private static String user(String sysId, String userName, String manager, String identityType, String createdOn,
			String webServiceOnly) {
		return "{\"sys_id\":\"" + sysId + "\",\"user_name\":\"" + userName + "\",\"first_name\":\"F\","
				+ "\"last_name\":\"L\",\"email\":\"\",\"manager\":\"" + manager + "\",\"active\":\"true\","
				+ "\"locked_out\":\"false\",\"web_service_access_only\":\"" + webServiceOnly + "\","
				+ "\"password_needs_reset\":\"false\",\"last_login_time\":\"\",\"identity_type\":\"" + identityType
				+ "\",\"sys_created_on\":\"" + createdOn + "\"}";
	}

	private static String withManager(String row, String managerSysId) {
		return row.replace("}",
				",\"manager.sys_id\":\"" + managerSysId + "\",\"manager.user_name\":\"bob.example\","
						+ "\"manager.first_name\":\"Bob\",\"manager.last_name\":\"Example\","
						+ "\"manager.email\":\"bob@example.com\",\"manager.active\":\"true\"}");
	}

	private static String membershipRow(String sysId, String user, String group, String groupName) {
		return "{\"sys_id\":\"" + sysId + "\",\"user\":\"" + user + "\",\"group\":\"" + group + "\",\"group.name\":\""
				+ groupName + "\"}";
	}

	/**
	 * A membership row with the member and its manager dot-walked; a gone manager leaves
	 * the reference but reads empty.
	 */
	private static String member(String sysId, String user, String userName, String manager, boolean managerThere) {
		String managerId = managerThere ? manager : "";
		return "{\"sys_id\":\"" + sysId + "\",\"user\":\"" + user + "\",\"group\":\"" + GROUP_SYS_ID + "\","
				+ "\"user.sys_id\":\"" + user + "\",\"user.user_name\":\"" + userName + "\","
				+ "\"user.first_name\":\"Svc\",\"user.last_name\":\"Account\",\"user.email\":\"\","
				+ "\"user.active\":\"true\",\"user.locked_out\":\"false\",\"user.web_service_access_only\":\"true\","
				+ "\"user.last_login_time\":\"2025-04-01 12:00:00\",\"user.sys_created_on\":\"2025-01-02 03:04:05\","
				+ "\"user.identity_type\":\"machine\",\"user.manager\":\"" + manager + "\","
				+ "\"user.manager.sys_id\":\"" + managerId + "\",\"user.manager.user_name\":\""
				+ (managerThere ? "bob.example" : "") + "\",\"user.manager.first_name\":\"\","
				+ "\"user.manager.last_name\":\"\",\"user.manager.email\":\"\",\"user.manager.active\":\""
				+ managerThere + "\"}";
	}

	private static String result(String row) {
		return "{\"result\":" + row + "}";
	}

	private static String list(String... rows) {
		return "{\"result\":[" + String.join(",", rows) + "]}";
	}

}
