package io.github.serviceaccounts.servicenow;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.web.client.RestClient;

/**
 * Shared test data: ServiceNow bodies recorded in the shape real instances send, and
 * wired clients.
 */
final class ServiceNowFixtures {

	static final String TABLE = "/api/now/v2/table/";

	static final String ALICE_SYS_ID = "62826bf03710200044e0bfc8bcbe5df1";

	static final String ACCOUNT_SYS_ID = "a8f98bb0eb32010045e1a5115206fe3a";

	static final String GROUP_SYS_ID = "d4b4f2a1db7c1010a8a2f2b5ca9619e2";

	static final String MEMBERSHIP_SYS_ID = "5f7a3c21db781010a8a2f2b5ca961955";

	static final String USERNAME = "integration.user";

	static final String PASSWORD = "Basic-Secret-7731";

	static final Instant NOW = Instant.parse("2025-05-05T10:00:00Z");

	private ServiceNowFixtures() {
	}

	/** A body from {@code src/test/resources/servicenow/}. */
	static String body(String name) {
		try (InputStream in = ServiceNowFixtures.class.getResourceAsStream("/servicenow/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test body servicenow/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ServiceNowProperties basicAuth(String baseUrl, Duration readTimeout) {
		return new ServiceNowProperties(baseUrl, USERNAME, PASSWORD, null, null, Duration.ofSeconds(2), readTimeout, 4,
				null);
	}

	/**
	 * A client wired exactly as the application wires it, with basic auth, against
	 * {@code baseUrl}.
	 */
	static ServiceNowClient client(String baseUrl) {
		return client(baseUrl, Duration.ofSeconds(5));
	}

	static ServiceNowClient client(String baseUrl, Duration readTimeout) {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		RestClient restClient = ServiceNowConfiguration.restClient(RestClient.builder(),
				basicAuth(baseUrl, readTimeout), () -> baseUrl, clock);
		return new ServiceNowClient(restClient, () -> baseUrl, clock);
	}

	/**
	 * The application's HTTP set-up (timeouts, no automatic retries) without credentials,
	 * as the token client has.
	 */
	static RestClient anonymousRestClient(String baseUrl) {
		return ServiceNowConfiguration
			.restClient(
					RestClient.builder(), new ServiceNowProperties(baseUrl, null, null, null, null,
							Duration.ofSeconds(2), Duration.ofSeconds(5), 4, null),
					() -> baseUrl, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/**
	 * Everything an operator could see of an exception: message, causes and stack trace.
	 */
	static String everythingShownOf(Throwable throwable) {
		StringWriter out = new StringWriter();
		throwable.printStackTrace(new PrintWriter(out));
		return throwable + "\n" + out;
	}

}
