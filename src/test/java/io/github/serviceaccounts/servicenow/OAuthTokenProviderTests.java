package io.github.serviceaccounts.servicenow;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.NOW;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.everythingShownOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OAuthTokenProviderTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final String CLIENT_ID = "3f5e1a0c9b2d4e7f8a6b5c4d3e2f1a0b";

	// Characters that must be form-encoded, and distinctive enough to search for.
	static final String CLIENT_SECRET = "Xw9&secret=Pelican+42";

	static final String FIRST_TOKEN = "Fj3pYVh9bqW1xk6zR0dT8uLnM2cE5sA7oIgHtKvBwQy4rJpXe-NmCfD1aZlUoS3iG9";

	private final MutableClock clock = new MutableClock(NOW);

	private OAuthTokenProvider tokens;

	@BeforeEach
	void setUp() {
		this.tokens = new OAuthTokenProvider(ServiceNowFixtures.anonymousRestClient(serviceNow.baseUrl()),
				serviceNow::baseUrl, CLIENT_ID, CLIENT_SECRET, this.clock);
	}

	@Test
	void asksForATokenWithTheClientCredentialsGrant() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).willReturn(okJson(body("oauth-token-200.json"))));

		assertThat(this.tokens.token()).isEqualTo(FIRST_TOKEN);

		serviceNow.verify(postRequestedFor(urlPathEqualTo("/oauth_token.do"))
			.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
			.withHeader("Authorization", absent())
			.withRequestBody(equalTo("grant_type=client_credentials&client_id=" + CLIENT_ID
					+ "&client_secret=Xw9%26secret%3DPelican%2B42")));
	}

	@Test
	void keepsTheTokenUntilSixtySecondsBeforeItExpires() {
		stubTokensInTurn(serviceNow, 1799);

		String first = this.tokens.token();
		this.clock.advance(Duration.ofSeconds(1799 - 61));
		String stillFirst = this.tokens.token();
		this.clock.advance(Duration.ofSeconds(1));
		String renewed = this.tokens.token();

		assertThat(first).isEqualTo("token-1").isEqualTo(stillFirst);
		assertThat(renewed).isEqualTo("token-2");
		serviceNow.verify(2, postRequestedFor(urlPathEqualTo("/oauth_token.do")));
	}

	@Test
	void renewsAShortLivedTokenHalfwayThroughItsLife() {
		stubTokensInTurn(serviceNow, 60);

		this.tokens.token();
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.tokens.token()).isEqualTo("token-1");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tokens.token()).isEqualTo("token-2");
	}

	@Test
	void invalidateDropsOnlyTheRejectedToken() {
		stubTokensInTurn(serviceNow, 1799);
		String first = this.tokens.token();

		this.tokens.invalidate("some-older-token");
		assertThat(this.tokens.token()).isEqualTo(first);
		this.tokens.invalidate(first);

		assertThat(this.tokens.token()).isEqualTo("token-2");
	}

	@Test
	void refusedCredentialsAreReportedWithoutTheSecret() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do"))
			.willReturn(okJson(body("oauth-token-refused-401.json")).withStatus(401)));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class, this.tokens::token);

		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getOperation()).isEqualTo("POST oauth_token.do");
		assertThat(refused.getServiceNowMessage()).isEqualTo("server_error");
		assertThat(refused.getServiceNowDetail()).isEqualTo("access_denied");
		assertThat(refused).hasMessage("POST oauth_token.do was refused by ServiceNow (HTTP 401): server_error: "
				+ "access_denied. Check servicenow.oauth.client-id and servicenow.oauth.client-secret, and that the "
				+ "OAuth application registry entry on the instance is active.");
		assertThat(everythingShownOf(refused)).doesNotContain(CLIENT_SECRET).doesNotContain("Pelican");
	}

	@Test
	void aMissingTokenEndpointPointsAtTheBaseUrl() {
		assertThatExceptionOfType(ServiceNowRefusedException.class).isThrownBy(this.tokens::token)
			.withMessageContaining("HTTP 404")
			.withMessageContaining("check servicenow.base-url");
	}

	@Test
	void aFailedTokenRequestIsNotCached() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).inScenario("recovering")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("up")
			.willReturn(aResponse().withStatus(503)));
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).inScenario("recovering")
			.whenScenarioStateIs("up")
			.willReturn(okJson(body("oauth-token-200.json"))));

		assertThatExceptionOfType(ServiceNowTransientException.class).isThrownBy(this.tokens::token)
			.withMessageStartingWith("POST oauth_token.do failed on the ServiceNow side (HTTP 503)");
		assertThat(this.tokens.token()).isEqualTo(FIRST_TOKEN);
	}

	@Test
	void anAnswerWithoutAccessTokenIsTransient() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do"))
			.willReturn(okJson("{\"scope\":\"useraccount\",\"token_type\":\"Bearer\",\"expires_in\":1799}")));

		assertThatExceptionOfType(ServiceNowTransientException.class).isThrownBy(this.tokens::token)
			.withMessageContaining("without an access_token");
	}

	@Test
	void aHibernatingInstancePageIsTransient() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Your instance is hibernating</body></html>")));

		assertThatExceptionOfType(ServiceNowTransientException.class).isThrownBy(this.tokens::token)
			.withMessageContaining("cut off or not JSON");
	}

	/** Hands out token-1, token-2, token-3 in turn. */
	static void stubTokensInTurn(WireMockExtension serviceNow, int expiresIn) {
		for (int i = 1; i <= 3; i++) {
			String state = (i == 1) ? Scenario.STARTED : "issued-" + (i - 1);
			serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).inScenario("tokens")
				.whenScenarioStateIs(state)
				.willSetStateTo("issued-" + i)
				.willReturn(okJson("{\"access_token\":\"token-" + i + "\",\"scope\":\"useraccount\","
						+ "\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
		}
	}

}
