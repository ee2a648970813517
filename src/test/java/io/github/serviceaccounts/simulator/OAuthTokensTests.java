package io.github.serviceaccounts.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTokensTests {

	/** A clock the test moves forward. */
	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2025-06-01T10:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	private final MovableClock clock = new MovableClock();

	private final OAuthTokens tokens = new OAuthTokens(new Credentials("integration", "integration"),
			"camunda-provisioning", "simulator-secret", Duration.ofSeconds(1799), clock);

	@Test
	void tokenExpiresAfterItsLifetime() throws Exception {
		String token = accessToken(
				tokens.issue(form("client_credentials", "camunda-provisioning", "simulator-secret"), null));

		clock.now = clock.now.plusSeconds(1798);
		assertThat(tokens.isValid(token)).isTrue();

		clock.now = clock.now.plusSeconds(2);
		assertThat(tokens.isValid(token)).isFalse();
	}

	@Test
	void clientCredentialsMayComeAsBasicAuthentication() throws Exception {
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString("camunda-provisioning:simulator-secret".getBytes());

		SimResponse answer = tokens.issue(Map.of("grant_type", List.of("client_credentials")), basic);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(tokens.isValid(accessToken(answer))).isTrue();
	}

	@Test
	void passwordGrantNeedsTheIntegrationAccountsPassword() {
		Map<String, List<String>> wrongPassword = Map.of("grant_type", List.of("password"), "client_id",
				List.of("camunda-provisioning"), "client_secret", List.of("simulator-secret"), "username",
				List.of("integration"), "password", List.of("wrong"));

		assertThat(tokens.issue(wrongPassword, null).status()).isEqualTo(401);
	}

	@Test
	void unknownGrantTypeIsRefused() {
		assertThat(tokens.issue(form("authorization_code", "camunda-provisioning", "simulator-secret"), null).status())
			.isEqualTo(401);
	}

	private static Map<String, List<String>> form(String grantType, String clientId, String secret) {
		return Map.of("grant_type", List.of(grantType), "client_id", List.of(clientId), "client_secret",
				List.of(secret));
	}

	private static String accessToken(SimResponse answer) throws Exception {
		JsonNode body = new ObjectMapper().readTree(answer.body());
		return body.get("access_token").asText();
	}

}
