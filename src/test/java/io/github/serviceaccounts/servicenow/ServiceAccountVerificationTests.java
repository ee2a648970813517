package io.github.serviceaccounts.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * No write reaches a user that ServiceNow does not show to be the service account the
 * caller expects: its name, with the prefix, created by this application's integration
 * user, owned by the expected person. The answer of the read decides; nothing is written
 * when it does not agree.
 */
class ServiceAccountVerificationTests {

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
	void theServiceAccountThisApplicationCreatedForItsOwnerIsVerifiedAndWrittenTo() {
		answer(user("svc_jira_sync", "integration", "alice"));
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-updated-200.json"))));

		VerifiedServiceAccount account = client.verifyServiceAccount(ACCOUNT_SYS_ID, "svc_jira_sync", "alice");
		client.updateUser(account, Map.of("web_service_access_only", "true"));

		assertThat(account.owner().email()).isEqualTo("alice@example.com");
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.withQueryParam("sysparm_fields", containing("sys_created_by"))
			.withQueryParam("sysparm_fields", containing("manager.user_name")));
		serviceNow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)));
	}

	@Test
	void aPersonsAccountIsNeverVerifiedWhateverItsOwnerOrCreator() {
		answer(user("bob", "integration", "alice"));

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyServiceAccount(ACCOUNT_SYS_ID, "svc_jira_sync", "alice"))
			.withMessageContaining("Refused to change sys_user " + ACCOUNT_SYS_ID + " ('bob')")
			.withMessageContaining("does not start with svc_")
			.withMessageContaining("it is not svc_jira_sync")
			.withMessageContaining("Nothing was written");
	}

	@Test
	void aServiceAccountSomebodyElseCreatedOrOwnsIsRefused() {
		answer(user("svc_jira_sync", "admin", "alice"));
		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyServiceAccount(ACCOUNT_SYS_ID, "svc_jira_sync", "alice"))
			.withMessageContaining("it was created by 'admin', not by this application (integration)");

		answer(user("svc_jira_sync", "integration", "mallory"));
		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyServiceAccount(ACCOUNT_SYS_ID, "svc_jira_sync", "alice"))
			.withMessageContaining("its owner (manager) is 'mallory', not alice");
	}

	@Test
	void aUserThatIsGoneIsRefusedNotCreated() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody(body("error-no-record-404.json"))));

		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.verifyServiceAccount(ACCOUNT_SYS_ID, "svc_jira_sync", "alice"))
			.withMessageContaining("ServiceNow has no such user");
	}

	@Test
	void onlyServiceAccountsWithAnOwnerAreCreated() {
		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.createUser(new NewServiceNowUser("bob.smith", "Bob", "Smith", null, ALICE_SYS_ID)))
			.withMessageContaining("creates only service accounts");
		assertThatExceptionOfType(UnsafeWriteException.class)
			.isThrownBy(() -> client.createUser(new NewServiceNowUser("svc_jira_sync", "Jira", "Sync", null, null)))
			.withMessageContaining("which have an owner");
		serviceNow.verify(0, postRequestedFor(anyUrl()));
	}

	private static void answer(String record) {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson("{\"result\":" + record + "}")));
	}

	private static String user(String userName, String createdBy, String owner) {
		return """
				{"sys_id": "%s", "user_name": "%s", "first_name": "Jira", "last_name": "Sync", "email": "",
				 "manager": "%s", "active": "true", "locked_out": "false", "web_service_access_only": "false",
				 "password_needs_reset": "false", "last_login_time": "", "sys_created_by": "%s",
				 "manager.sys_id": "%s", "manager.user_name": "%s", "manager.first_name": "A", "manager.last_name": "B",
				 "manager.email": "%s@example.com", "manager.active": "true"}
				""".formatted(ACCOUNT_SYS_ID, userName, ALICE_SYS_ID, createdBy, ALICE_SYS_ID, owner, owner);
	}

}
