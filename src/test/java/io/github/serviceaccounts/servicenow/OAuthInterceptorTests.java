package io.github.serviceaccounts.servicenow;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.OAuthTokenProviderTests.CLIENT_ID;
import static io.github.serviceaccounts.servicenow.OAuthTokenProviderTests.CLIENT_SECRET;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ALICE_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.NOW;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.TABLE;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.everythingShownOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client wired for OAuth as the application wires it: Bearer tokens, reuse, and one
 * retry after a 401.
 */
class OAuthInterceptorTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private ServiceNowClient client;

	@BeforeEach
	void setUp() {
		ServiceNowProperties properties = new ServiceNowProperties(serviceNow.baseUrl(), null, null, "integration",
				new ServiceNowProperties.OAuth(CLIENT_ID, CLIENT_SECRET), Duration.ofSeconds(2), Duration.ofSeconds(5),
				4, null);
		MutableClock clock = new MutableClock(NOW);
		RestClient restClient = ServiceNowConfiguration.restClient(RestClient.builder(), properties,
				serviceNow::baseUrl, clock);
		this.client = new ServiceNowClient(restClient, serviceNow::baseUrl, clock);
	}

	@Test
	void tableCallsCarryTheBearerTokenAndShareIt() {
		OAuthTokenProviderTests.stubTokensInTurn(serviceNow, 1799);
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json"))));

		this.client.findUserByUserName("alice.example");
		this.client.findUserByUserName("alice.example");

		serviceNow.verify(2, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization",
				equalTo("Bearer token-1")));
		serviceNow.verify(1, postRequestedFor(urlPathEqualTo("/oauth_token.do")));
	}

	@Test
	void aRejectedTokenIsReplacedOnceAndTheRequestIsRepeatedWithItsBody() {
		OAuthTokenProviderTests.stubTokensInTurn(serviceNow, 1799);
		serviceNow
			.stubFor(post(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization", equalTo("Bearer token-1"))
				.willReturn(okJson(body("error-not-authenticated-401.json")).withStatus(401)));
		serviceNow
			.stubFor(post(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization", equalTo("Bearer token-2"))
				.willReturn(okJson(body("user-created-201.json")).withStatus(201)));

		ServiceNowUser created = this.client
			.createUser(new NewServiceNowUser("svc_jira_sync", "Jira", "Sync", "jira-team@example.com", ALICE_SYS_ID));

		assertThat(created.userName()).isEqualTo("svc_jira_sync");
		serviceNow.verify(2, postRequestedFor(urlPathEqualTo("/oauth_token.do")));
		serviceNow.verify(2, postRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withRequestBody(equalToJson("""
				{"user_name":"svc_jira_sync","first_name":"Jira","last_name":"Sync","email":"jira-team@example.com",
				 "manager":"62826bf03710200044e0bfc8bcbe5df1","active":"true","web_service_access_only":"false"}""")));
	}

	@Test
	void aSecondRejectionIsRefusedWithoutFurtherAttempts() {
		OAuthTokenProviderTests.stubTokensInTurn(serviceNow, 1799);
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-not-authenticated-401.json")).withStatus(401)));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getOperation()).isEqualTo("GET sys_user");
		serviceNow.verify(2, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
		serviceNow.verify(2, postRequestedFor(urlPathEqualTo("/oauth_token.do")));
		assertThat(everythingShownOf(refused)).doesNotContain("token-1").doesNotContain("token-2");
	}

	@Test
	void refusedClientCredentialsStopTheCallBeforeTheTableApi() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do"))
			.willReturn(okJson(body("oauth-token-refused-401.json")).withStatus(401)));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(refused.getOperation()).isEqualTo("POST oauth_token.do");
		assertThat(refused).hasMessageContaining("servicenow.oauth.client-secret");
		assertThat(everythingShownOf(refused)).doesNotContain(CLIENT_SECRET);
		serviceNow.verify(0, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void aWriteStoppedWhileFetchingItsTokenIsNotInDoubt() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).willReturn(aResponse().withStatus(503)));

		ServiceNowTransientException failed = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.addMembership(ALICE_SYS_ID, ALICE_SYS_ID));

		assertThat(failed.getOperation()).isEqualTo("POST oauth_token.do");
		assertThat(failed.getWriteInDoubtUntil()).as("nothing reached the table").isEmpty();
		serviceNow.verify(0, postRequestedFor(urlPathEqualTo(TABLE + "sys_user_grmember")));
	}

}
