package io.github.serviceaccounts.servicenow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Gets and caches an access token from ServiceNow's {@code /oauth_token.do} with the
 * client-credentials grant. The token is renewed shortly before it expires, so a request
 * rarely meets an expired token, and it can be dropped when the Table API rejects it.
 * Thread-safe: one token request at a time.
 */
final class OAuthTokenProvider {

	static final String OPERATION = "POST oauth_token.do";

	// Renew this long before expiry, so a token cannot expire between being handed out
	// and being checked.
	static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

	// ServiceNow always sends expires_in; if a proxy or a future release does not, assume
	// a short life.
	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final String REFUSAL_HINT = "Check servicenow.oauth.client-id and servicenow.oauth.client-secret, "
			+ "and that the OAuth application registry entry on the instance is active.";

	private final RestClient restClient;

	private final Supplier<String> baseUrl;

	private final String clientId;

	private final String clientSecret;

	private final Clock clock;

	private String token;

	private Instant renewAt = Instant.MIN;

	/**
	 * @param restClient must not carry the OAuth interceptor itself, or fetching a token
	 * would recurse
	 */
	OAuthTokenProvider(RestClient restClient, Supplier<String> baseUrl, String clientId, String clientSecret,
			Clock clock) {
		this.restClient = Objects.requireNonNull(restClient, "restClient");
		this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
		this.clientId = Objects.requireNonNull(clientId, "clientId");
		this.clientSecret = (clientSecret != null) ? clientSecret : "";
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * A token that stays valid for at least the refresh margin (or half its lifetime, if
	 * that is shorter).
	 */
	synchronized String token() {
		if (this.token == null || !this.clock.instant().isBefore(this.renewAt)) {
			this.token = null;
			fetch();
		}
		return this.token;
	}

	/**
	 * Forgets {@code rejected} if it is still the cached token. Comparing first keeps a
	 * token that another thread has just fetched from being thrown away as well.
	 */
	synchronized void invalidate(String rejected) {
		if (rejected != null && rejected.equals(this.token)) {
			this.token = null;
		}
	}

	private void fetch() {
		Instant requestedAt = this.clock.instant();
		JsonNode answer = post();
		String accessToken = ServiceNowJson.text(answer, "access_token");
		if (accessToken.isBlank()) {
			throw new ServiceNowTransientException(OPERATION, 200,
					OPERATION + " answered HTTP 200 without an access_token; retry later");
		}
		Duration lifetime = lifetime(answer);
		Duration margin = (lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0) ? lifetime.dividedBy(2)
				: REFRESH_MARGIN;
		this.token = accessToken;
		this.renewAt = requestedAt.plus(lifetime).minus(margin);
	}

	private static Duration lifetime(JsonNode answer) {
		try {
			long seconds = Long.parseLong(ServiceNowJson.text(answer, "expires_in").trim());
			return (seconds > 0) ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
		}
		catch (NumberFormatException ex) {
			return DEFAULT_LIFETIME;
		}
	}

	private JsonNode post() {
		URI uri = URI.create(this.baseUrl.get().strip().replaceAll("/+$", "") + "/oauth_token.do");
		byte[] form = ("grant_type=client_credentials&client_id=" + encode(this.clientId) + "&client_secret="
				+ encode(this.clientSecret))
			.getBytes(StandardCharsets.UTF_8);
		try {
			return this.restClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> answer(response.getStatusCode().value(), response.getHeaders(),
						response.getBody().readAllBytes()), true);
		}
		catch (ServiceNowException ex) {
			throw ex;
		}
		catch (ResourceAccessException ex) {
			throw new ServiceNowTransientException(OPERATION, 0,
					OPERATION + " got no usable answer from ServiceNow; retry later", ex);
		}
		catch (RestClientException ex) {
			throw new ServiceNowTransientException(OPERATION, 0,
					OPERATION + " could not be completed (" + ex.getClass().getSimpleName() + "); retry later", ex);
		}
	}

	private JsonNode answer(int status, HttpHeaders headers, byte[] body) {
		UnaryOperator<String> scrub = (this.clientSecret.isEmpty()) ? UnaryOperator.identity()
				: TableExchange.redacting(this.clientSecret.toCharArray());
		if (status != 200) {
			boolean credentialsRefused = status == 400 || status == 401 || status == 403;
			throw ServiceNowErrors.failure(OPERATION, status, headers, body, this.clock, scrub,
					credentialsRefused ? REFUSAL_HINT : null);
		}
		try {
			JsonNode answer = ServiceNowJson.parse(body);
			if (!answer.isObject()) {
				throw new ServiceNowTransientException(OPERATION, status,
						OPERATION + " answered HTTP 200 without a token object; retry later");
			}
			return answer;
		}
		catch (JsonProcessingException ex) {
			throw new ServiceNowTransientException(OPERATION, status,
					OPERATION + " answered HTTP 200 but the body was cut off or not JSON; retry later");
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
