package io.github.serviceaccounts.servicenow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ACCOUNT_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ALICE_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.GROUP_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.MEMBERSHIP_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.TABLE;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What callers get from the Table API when ServiceNow answers as it should, and what goes
 * over the wire.
 */
class ServiceNowClientTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private ServiceNowClient client;

	@BeforeEach
	void setUp() {
		this.client = ServiceNowFixtures.client(serviceNow.baseUrl());
	}

	@Test
	void createUserPostsTheAccountAndReturnsTheCreatedRecord() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-created-201.json"))
			.withStatus(201)
			.withHeader("Location", "https://dev184467.service-now.com/api/now/v2/table/sys_user/" + ACCOUNT_SYS_ID)));

		ServiceNowUser created = this.client
			.createUser(new NewServiceNowUser("svc_jira_sync", "Jira", "Sync", "jira-team@example.com", ALICE_SYS_ID));

		assertThat(created).isEqualTo(new ServiceNowUser(ACCOUNT_SYS_ID, "svc_jira_sync", "Jira", "Sync",
				"jira-team@example.com", ALICE_SYS_ID, true, false, false, false, null, null, null));
		serviceNow.verify(postRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", equalTo("application/json"))
			.withQueryParam("sysparm_exclude_reference_link", equalTo("true"))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS))
			.withRequestBody(equalToJson("""
					{"user_name":"svc_jira_sync","first_name":"Jira","last_name":"Sync",
					 "email":"jira-team@example.com","manager":"62826bf03710200044e0bfc8bcbe5df1",
					 "active":"true","web_service_access_only":"false"}""")));
	}

	@Test
	void createUserLeavesOutAnEmailThatWasNotGiven() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("user-created-201.json")).withStatus(201)));

		this.client.createUser(new NewServiceNowUser("svc_jira_sync", "Jira", "Sync", "", ALICE_SYS_ID));

		serviceNow.verify(postRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withRequestBody(equalToJson("""
				{"user_name":"svc_jira_sync","first_name":"Jira","last_name":"Sync",
				 "manager":"62826bf03710200044e0bfc8bcbe5df1","active":"true","web_service_access_only":"false"}""")));
	}

	@Test
	void createUserRefusesACreatedRecordWithAnotherName() {
		// As if ServiceNow had cut or rewritten the name: a later lookup by name would
		// never find it.
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user")).willReturn(
				okJson(body("user-created-201.json").replace("svc_jira_sync", "svc_jira_syn")).withStatus(201)));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client
				.createUser(new NewServiceNowUser("svc_jira_sync", "Jira", "Sync", null, ALICE_SYS_ID)))
			.withMessageContaining("POST sys_user asked for user_name=svc_jira_sync");
	}

	@Test
	void findUserByUserNameQueriesByTheUniqueKeyAndReturnsTheUser() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json"))));

		Optional<ServiceNowUser> alice = this.client.findUserByUserName("alice.example");

		assertThat(alice)
			.contains(new ServiceNowUser(ALICE_SYS_ID, "alice.example", "Alice", "Example", "alice.example@example.com",
					"46d44a23a9fe19810012d100cca80666", true, false, false, false, "2025-03-14 08:12:44", null, null));
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
			.withQueryParam("sysparm_query", equalTo("user_name=alice.example"))
			.withQueryParam("sysparm_limit", equalTo("2"))
			.withQueryParam("sysparm_no_count", equalTo("true"))
			.withQueryParam("sysparm_exclude_reference_link", equalTo("true"))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS))
			.withHeader("Content-Type", absent()));
	}

	/** One name alone: the query and the limit of a single look-up. */
	private Optional<UserAndManager> findUserAndManager(String userName) {
		return this.client.findUsersAndManagersByUserNames(List.of(userName)).get(userName);
	}

	@Test
	void findUserAndManagerReadsTheManagerThroughTheReferenceInTheSameCall() {
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json"))));

		UserAndManager found = findUserAndManager("alice.example").orElseThrow();

		assertThat(found.user().sysId()).isEqualTo(ALICE_SYS_ID);
		assertThat(found.user().managerSysId()).isEqualTo("46d44a23a9fe19810012d100cca80666");
		assertThat(found.manager()).contains(new ServiceNowUser("46d44a23a9fe19810012d100cca80666", "bob.example",
				"Bob", "Example", "bob.example@example.com", null, false, false, false, false, null, null, null));
		serviceNow.verify(1,
				getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
					.withQueryParam("sysparm_query", equalTo("user_name=alice.example"))
					.withQueryParam("sysparm_limit", equalTo("2"))
					.withQueryParam("sysparm_fields",
							equalTo(ServiceNowClient.USER_FIELDS + ",manager.sys_id,manager.user_name,"
									+ "manager.first_name,manager.last_name,manager.email,manager.active")));
	}

	@Test
	void findUsersAndManagersAsksForSeveralNamesInOneCall() {
		// The account name is free: only the requester comes back, written in other case
		// than asked.
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json"))));

		Map<String, Optional<UserAndManager>> found = this.client
			.findUsersAndManagersByUserNames(List.of("Alice.Example", "svc_jira_sync"));

		assertThat(found).containsOnlyKeys("Alice.Example", "svc_jira_sync");
		assertThat(found.get("Alice.Example")).map(user -> user.user().sysId()).contains(ALICE_SYS_ID);
		assertThat(found.get("Alice.Example").orElseThrow().manager()).map(ServiceNowUser::userName)
			.contains("bob.example");
		assertThat(found.get("svc_jira_sync")).isEmpty();
		serviceNow.verify(1,
				getRequestedFor(urlPathEqualTo(TABLE + "sys_user"))
					.withQueryParam("sysparm_query", equalTo("user_name=Alice.Example^ORuser_name=svc_jira_sync"))
					.withQueryParam("sysparm_limit", equalTo("4")));
	}

	@Test
	void findUsersAndManagersRefusesTwoRecordsForOneNameAndARecordNotAskedFor() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-two.json"))));
		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findUsersAndManagersByUserNames(List.of("alice.example", "svc_jira_sync")))
			.withMessageContaining("found more than one record for user_name=svc_jira_sync");

		// A query ServiceNow did not apply lists somebody else.
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json"))));
		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findUsersAndManagersByUserNames(List.of("carol", "svc_jira_sync")))
			.withMessageContaining(
					"asked for user_name=carol or user_name=svc_jira_sync but ServiceNow returned a different record");
	}

	@Test
	void findUsersAndManagersValidatesEveryNameBeforeAsking() {
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> this.client.findUsersAndManagersByUserNames(List.of("alice", "svc_x^NQactive=true")));
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void findUserAndManagerHasNoManagerWhenTheReferenceLeadsNowhere() {
		// A deleted manager, or one the integration account may not read: the reference
		// stays, the walk is empty.
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json")
				.replaceAll("\"manager\\.(sys_id|user_name|email|active)\": \"[^\"]*\"", "\"manager.$1\": \"\""))));
		assertThat(findUserAndManager("alice.example").orElseThrow().manager()).isEmpty();

		// A walked sys_id that is not the one referenced is not taken for the manager.
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-with-manager-list-one.json")
				.replace("\"manager.sys_id\": \"46d44a23a9fe19810012d100cca80666\"",
						"\"manager.sys_id\": \"" + GROUP_SYS_ID + "\""))));
		assertThat(findUserAndManager("alice.example").orElseThrow().manager()).isEmpty();

		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json")
			.replace("\"manager\": \"46d44a23a9fe19810012d100cca80666\"", "\"manager\": \"\""))));
		UserAndManager withoutManager = findUserAndManager("alice.example").orElseThrow();
		assertThat(withoutManager.user().managerSysId()).isNull();
		assertThat(withoutManager.manager()).isEmpty();
	}

	@Test
	void findUserByUserNameComparesNamesIgnoringCase() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json"))));

		assertThat(this.client.findUserByUserName("Alice.Example")).map(ServiceNowUser::sysId).contains(ALICE_SYS_ID);
	}

	@Test
	void findUserByUserNameIsEmptyWhenServiceNowAnswersAnEmptyList() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-empty.json"))));

		assertThat(this.client.findUserByUserName("svc_jira_sync")).isEmpty();
	}

	@Test
	void findUserByUserNameRefusesTwoMatches() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-two.json"))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findUserByUserName("svc_jira_sync"))
			.withMessageContaining("GET sys_user found more than one record for user_name=svc_jira_sync")
			.satisfies(ex -> assertThat(ex.getOperation()).isEqualTo("GET sys_user"));
	}

	@Test
	void findUserByUserNameRefusesSomebodyElse() {
		// What an ignored or widened query looks like: a record, but not the one asked
		// for.
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json"))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findUserByUserName("bob"))
			.withMessageContaining("asked for user_name=bob but ServiceNow returned a different record");
	}

	@Test
	void findUserBySysIdTakesTheValueOfAReferenceWithALink() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-by-sys-id-reference-link.json"))));

		ServiceNowUser user = this.client.findUserBySysId(ACCOUNT_SYS_ID).orElseThrow();

		assertThat(user.managerSysId()).isEqualTo(ALICE_SYS_ID);
		assertThat(user.webServiceAccessOnly()).isTrue();
		assertThat(user.passwordNeedsReset()).isTrue();
		assertThat(user.lastLoginTime()).isEqualTo("2025-04-01 09:30:00");
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_exclude_reference_link", equalTo("true"))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS)));
	}

	@Test
	void findUserBySysIdReadsFieldsInTheDisplayValueShape() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-by-sys-id-display-value-all.json"))));

		ServiceNowUser user = this.client.findUserBySysId(ACCOUNT_SYS_ID).orElseThrow();

		assertThat(user).isEqualTo(new ServiceNowUser(ACCOUNT_SYS_ID, "svc_jira_sync", "Jira", "Sync",
				"jira-team@example.com", ALICE_SYS_ID, true, false, false, true, null, null, null));
	}

	@Test
	void findUserBySysIdIsEmptyWhenServiceNowFindsNoRecord() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("error-no-record-404.json")).withStatus(404)));

		assertThat(this.client.findUserBySysId(ACCOUNT_SYS_ID)).isEmpty();
	}

	@Test
	void findUserBySysIdRefusesARecordWithAnotherSysId() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ALICE_SYS_ID))
			.willReturn(okJson(body("user-by-sys-id-reference-link.json"))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findUserBySysId(ALICE_SYS_ID))
			.withMessageContaining("asked for sys_id=" + ALICE_SYS_ID);
	}

	@Test
	void updateUserPatchesOnlyTheGivenFieldsAndReturnsTheStoredRecord() {
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-updated-200.json"))));

		ServiceNowUser updated = this.client.updateUser(ACCOUNT_SYS_ID, Map.of("web_service_access_only", "true"));

		assertThat(updated.webServiceAccessOnly()).isTrue();
		serviceNow.verify(patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.withHeader("Content-Type", equalTo("application/json"))
			.withQueryParam("sysparm_fields", equalTo(ServiceNowClient.USER_FIELDS))
			.withRequestBody(equalToJson("{\"web_service_access_only\":\"true\"}")));
	}

	@Test
	void updateUserRefusesThePasswordAndSystemFieldsWithoutCallingServiceNow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.updateUser(ACCOUNT_SYS_ID, Map.of("user_password", "x")))
			.withMessageContaining("setPassword");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.updateUser(ACCOUNT_SYS_ID, Map.of("sys_created_by", "x")));
		Map<String, String> withNull = new LinkedHashMap<>();
		withNull.put("email", null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.updateUser(ACCOUNT_SYS_ID, withNull));
		assertThat(serviceNow.getAllServeEvents()).isEmpty();
	}

	@Test
	void setPasswordSendsItWithTheDisplayValueFlagAndLeavesTheCallersArrayAlone() {
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("password-set-200.json"))));
		char[] password = "Tr0ub4dor\"&\\3-é".toCharArray();

		this.client.setPassword(ACCOUNT_SYS_ID, password);

		serviceNow.verify(patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_input_display_value", equalTo("true"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"user_password":"Tr0ub4dor\\"&\\\\3-é","password_needs_reset":"true"}""")));
		assertThat(new String(password)).isEqualTo("Tr0ub4dor\"&\\3-é");
	}

	@Test
	void findGroupByNameSendsTheNameEncodedAndReturnsTheGroup() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user_group")).willReturn(okJson(body("group-list-one.json"))));

		Optional<ServiceNowGroup> group = this.client.findGroupByName("ServiceNow Service Accounts");

		assertThat(group).contains(new ServiceNowGroup(GROUP_SYS_ID, "ServiceNow Service Accounts", true));
		LoggedRequest request = serviceNow.findAll(getRequestedFor(urlPathEqualTo(TABLE + "sys_user_group"))).get(0);
		assertThat(request.getUrl()).contains("sysparm_query=name%3DServiceNow%20Service%20Accounts&");
		assertThat(request.queryParameter("sysparm_limit").firstValue()).isEqualTo("2");
	}

	@Test
	void everyReservedCharacterOfAQueryValueIsPercentEncoded() {
		assertThat(ServiceNowClient.percentEncoded("svc_jira-sync.v2~")).isEqualTo("svc_jira-sync.v2~");
		assertThat(ServiceNowClient.percentEncoded("name=a^ORname!=b&x=1+2#/?%;,"))
			.isEqualTo("name%3Da%5EORname%21%3Db%26x%3D1%2B2%23%2F%3F%25%3B%2C");
		assertThat(ServiceNowClient.percentEncoded("Grüße aus Köln\n"))
			.isEqualTo("Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln%0A");
		assertThat(ServiceNowClient.percentEncoded("")).isEmpty();
	}

	@Test
	void findGroupRoleNamesListsTheRolesOfTheGroup() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_group_has_role")).willReturn(okJson(body("group-roles.json"))));

		assertThat(this.client.findGroupRoleNames(GROUP_SYS_ID)).containsExactly("itil", "rest_api_explorer");
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_group_has_role"))
			.withQueryParam("sysparm_query", equalTo("group=" + GROUP_SYS_ID))
			.withQueryParam("sysparm_fields", equalTo("role.name,group"))
			.withQueryParam("sysparm_offset", equalTo("0")));
	}

	@Test
	void findGroupRoleNamesRefusesRowsOfAnotherGroup() {
		// An ignored query lists every group's roles; the caller would believe the group
		// grants them.
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_group_has_role")).willReturn(
				okJson(body("group-roles.json").replaceFirst(GROUP_SYS_ID, "0123456789abcdef0123456789abcdef"))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findGroupRoleNames(GROUP_SYS_ID))
			.withMessageContaining("group=" + GROUP_SYS_ID);
	}

	@Test
	void findMembershipQueriesUserAndGroupTogether() {
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(body("membership-list-one.json"))));

		Optional<GroupMembership> membership = this.client.findMembership(ACCOUNT_SYS_ID, GROUP_SYS_ID);

		assertThat(membership).contains(new GroupMembership(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, GROUP_SYS_ID));
		LoggedRequest request = serviceNow.findAll(getRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember"))).get(0);
		assertThat(request.queryParameter("sysparm_query").firstValue())
			.isEqualTo("user=" + ACCOUNT_SYS_ID + "^group=" + GROUP_SYS_ID);
		// The whole query is URL-encoded, '^' included.
		assertThat(request.getUrl()).contains("sysparm_query=user%3D" + ACCOUNT_SYS_ID + "%5Egroup%3D" + GROUP_SYS_ID);
	}

	@Test
	void findMembershipIsEmptyWhenThereIsNone() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(body("user-list-empty.json"))));

		assertThat(this.client.findMembership(ACCOUNT_SYS_ID, GROUP_SYS_ID)).isEmpty();
	}

	@Test
	void findMembershipRefusesTheMembershipOfSomebodyElse() {
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(okJson(body("membership-list-one.json"))));

		assertThatExceptionOfType(UnexpectedResultException.class)
			.isThrownBy(() -> this.client.findMembership(ALICE_SYS_ID, GROUP_SYS_ID));
	}

	@Test
	void addMembershipPostsUserAndGroup() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.willReturn(okJson(body("membership-created-201.json")).withStatus(201)));

		GroupMembership membership = this.client.addMembership(ACCOUNT_SYS_ID, GROUP_SYS_ID);

		assertThat(membership).isEqualTo(new GroupMembership(MEMBERSHIP_SYS_ID, ACCOUNT_SYS_ID, GROUP_SYS_ID));
		serviceNow.verify(postRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember"))
			.withRequestBody(equalToJson("{\"user\":\"" + ACCOUNT_SYS_ID + "\",\"group\":\"" + GROUP_SYS_ID + "\"}")));
	}

	@Test
	void findUserRolesListsDirectAndInheritedRoles() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user_has_role")).willReturn(okJson(body("user-roles.json"))));

		UserRoles found = this.client.findUserRoles(ACCOUNT_SYS_ID);

		assertThat(found.lastLoginTime()).isEqualTo("2026-11-28 17:02:11");
		assertThat(found.roles()).containsExactly(new UserRole("itil", true), new UserRole("rest_api_explorer", true),
				new UserRole("snc_platform_rest_api_access", false));
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user_has_role"))
			.withQueryParam("sysparm_query", equalTo("user=" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_fields", equalTo("role.name,inherited,user,user.last_login_time")));
	}

	@Test
	void theBaseUrlIsAskedForOnEveryCall() {
		AtomicReference<String> baseUrl = new AtomicReference<>("http://localhost:1/nothing-here/");
		ServiceNowClient lateBound = new ServiceNowClient(RestClient.create(), baseUrl::get);
		assertThat(lateBound.instanceUrl()).isEqualTo("http://localhost:1/nothing-here");
		serviceNow.stubFor(get(urlPathEqualTo("/servicenow-simulator" + TABLE + "sys_user"))
			.willReturn(okJson(body("user-list-empty.json"))));

		baseUrl.set(serviceNow.baseUrl() + "/servicenow-simulator");

		assertThat(lateBound.findUserByUserName("alice.example")).isEmpty();
		assertThat(lateBound.instanceUrl()).isEqualTo(serviceNow.baseUrl() + "/servicenow-simulator");
	}

}
