package io.github.serviceaccounts.servicenow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ACCOUNT_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ALICE_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.NOW;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.PASSWORD;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.TABLE;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.everythingShownOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How each way ServiceNow can fail reaches the caller: the type decides retrying, the
 * message helps operators.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceNowClientErrorTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final NewServiceNowUser JIRA_SYNC = new NewServiceNowUser("svc_jira_sync", "Jira", "Sync",
			"jira-team@example.com", ALICE_SYS_ID);

	// Distinctive, so that finding it anywhere cannot be a coincidence.
	private static final String ONE_TIME_PASSWORD = "Kq7!zebra-Vortex-0042";

	private ServiceNowClient client;

	@BeforeEach
	void setUp() {
		this.client = ServiceNowFixtures.client(serviceNow.baseUrl(), Duration.ofMillis(500));
	}

	@Test
	void invalidTableIsRefusedWithServiceNowsMessage() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-invalid-table-400.json")).withStatus(400)));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getOperation()).isEqualTo("GET sys_user");
		assertThat(refused.getServiceNowMessage()).isEqualTo("Invalid table sys_usr");
		assertThat(refused.getServiceNowDetail()).isNull();
		assertThat(refused)
			.hasMessageStartingWith("GET sys_user was refused by ServiceNow (HTTP 400): Invalid table sys_usr.");
	}

	@Test
	void unauthenticatedIsRefusedAndPointsAtTheCredentialsWithoutShowingThem() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-not-authenticated-401.json")).withStatus(401)
				.withHeader("WWW-Authenticate", "BASIC realm=\"Service-now\"")));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused).hasMessageContaining("HTTP 401")
			.hasMessageContaining("User Not Authenticated: Required to provide Auth information")
			.hasMessageContaining("servicenow.username");
		assertThat(everythingShownOf(refused)).doesNotContain(PASSWORD).doesNotContain("Basic ");
		// Basic auth does not retry: a wrong password would only lock the integration
		// account sooner.
		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void duplicateUserNameOnInsertIsRefusedWithTheDetailButNotTheRequestBody() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-duplicate-user-name-403.json")).withStatus(403)));

		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.createUser(JIRA_SYNC));

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getOperation()).isEqualTo("POST sys_user");
		assertThat(refused.getServiceNowMessage()).isEqualTo("Operation Failed");
		assertThat(refused.getServiceNowDetail()).isEqualTo("Error during insert of sys_user (svc_jira_sync)");
		assertThat(refused).hasMessageStartingWith("POST sys_user was refused by ServiceNow (HTTP 403): "
				+ "Operation Failed: Error during insert of sys_user (svc_jira_sync).");
		assertThat(everythingShownOf(refused)).doesNotContain("jira-team@example.com").doesNotContain(ALICE_SYS_ID);
	}

	@Test
	void notFoundOutsideALookupIsRefused() {
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("error-no-record-404.json")).withStatus(404)));

		assertThatExceptionOfType(ServiceNowRefusedException.class)
			.isThrownBy(() -> this.client.updateUser(ACCOUNT_SYS_ID, Map.of("active", "false")))
			.withMessageContaining("PATCH sys_user/" + ACCOUNT_SYS_ID + " was refused by ServiceNow (HTTP 404): "
					+ "No Record found: Record doesn't exist or ACL restricts the record retrieval")
			.satisfies(ex -> assertThat(ex.getStatus()).isEqualTo(404));
	}

	@Test
	void aNotFoundPageThatIsNotFromServiceNowDoesNotMeanTheUserIsGone() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID)).willReturn(
				aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>")));

		assertThatExceptionOfType(ServiceNowRefusedException.class)
			.isThrownBy(() -> this.client.findUserBySysId(ACCOUNT_SYS_ID))
			.withMessageContaining("check servicenow.base-url");
	}

	@Test
	void rateLimitCarriesTheRetryAfterSeconds() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-rate-limit-429.json")).withStatus(429)
				.withHeader("Retry-After", "37")
				.withHeader("X-RateLimit-Limit", "5000")
				.withHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 900))
				.withHeader("X-RateLimit-Rule", "b6c0f4e1db101010a8a2f2b5ca96194a")));

		ServiceNowRateLimitedException limited = catchThrowableOfType(ServiceNowRateLimitedException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(limited).isInstanceOf(ServiceNowTransientException.class);
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getRetryAfter()).contains(Duration.ofSeconds(37));
		assertThat(limited).hasMessageContaining("rate limited")
			.hasMessageContaining("Rate limit of 5000 requests per hour for Table API exceeded")
			.hasMessageContaining("retry after 37 s");
	}

	@Test
	void rateLimitWithoutRetryAfterWaitsUntilTheReset() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-rate-limit-429.json")).withStatus(429)
				.withHeader("X-RateLimit-Limit", "5000")
				.withHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 900))));

		assertThatExceptionOfType(ServiceNowRateLimitedException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.satisfies(ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofMinutes(15)));
	}

	@Test
	void rateLimitFromAFullQueueHasNoRetryTime() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(aResponse().withStatus(429)));

		assertThatExceptionOfType(ServiceNowRateLimitedException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.satisfies(ex -> assertThat(ex.getRetryAfter()).isEmpty());
	}

	@Test
	void cancelledTransactionIsTransientAndAdvisesALookupBeforeRepeatingAWrite() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-transaction-cancelled-500.json")).withStatus(500)));

		ServiceNowTransientException failed = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.createUser(JIRA_SYNC));

		assertThat(failed).isNotInstanceOf(ServiceNowRateLimitedException.class);
		assertThat(failed.getStatus()).isEqualTo(500);
		assertThat(failed)
			.hasMessageStartingWith("POST sys_user failed on the ServiceNow side (HTTP 500): "
					+ "Transaction cancelled: maximum execution time exceeded")
			.hasMessageContaining("look the record up before repeating it");
	}

	@Test
	void aWriteWithoutAClearAnswerIsInDoubtUntilServiceNowHasCertainlyEndedIt() {
		// The fixtures' clock stands still at NOW, so "sent" is NOW; the default settle
		// time applies.
		Instant settled = NOW.plus(ServiceNowClient.DEFAULT_WRITE_SETTLE_TIME);
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-transaction-cancelled-500.json")).withStatus(500)));
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user_grmember")).willReturn(aResponse().withStatus(201)));
		serviceNow.stubFor(patch(urlPathEqualTo(TABLE + "sys_user/" + ACCOUNT_SYS_ID))
			.willReturn(okJson(body("user-updated-200.json")).withFixedDelay(3000)));

		assertThat(catchThrowableOfType(ServiceNowTransientException.class, () -> this.client.createUser(JIRA_SYNC))
			.getWriteInDoubtUntil()).as("500 on an insert").contains(settled);
		assertThat(catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.addMembership(ACCOUNT_SYS_ID, ALICE_SYS_ID))
			.getWriteInDoubtUntil()).as("201 without a body").contains(settled);
		assertThat(catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.updateUser(ACCOUNT_SYS_ID, Map.of("web_service_access_only", "true")))
			.getWriteInDoubtUntil()).as("no answer within the read timeout").contains(settled);
	}

	@Test
	void nothingIsInDoubtAfterAReadARateLimitOrWhenNothingWasSent() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(aResponse().withStatus(502)));
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("error-rate-limit-429.json")).withStatus(429).withHeader("Retry-After", "37")));

		assertThat(catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.findUserByUserName("alice.example"))
			.getWriteInDoubtUntil()).as("a read").isEmpty();
		assertThat(catchThrowableOfType(ServiceNowRateLimitedException.class, () -> this.client.createUser(JIRA_SYNC))
			.getWriteInDoubtUntil()).as("429: ServiceNow did nothing").isEmpty();
		assertThat(catchThrowableOfType(ServiceNowTransientException.class,
				() -> ServiceNowFixtures.client("http://localhost:1").createUser(JIRA_SYNC))
			.getWriteInDoubtUntil()).as("no connection").isEmpty();
	}

	@Test
	void badGatewayPageIsTransient() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody(body("bad-gateway-502.html"))));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("HTTP 502): no error message from ServiceNow")
			.withMessageNotContaining("<html>");
	}

	@Test
	void truncatedBodyIsTransientNotAnEmptyResult() {
		serviceNow
			.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-truncated-200.json"))));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("GET sys_user got HTTP 200 but the response body was cut off or carried an error")
			.withMessageContaining("JSON ended early")
			.withMessageNotContaining("alice")
			.satisfies(ex -> assertThat(ex.getStatus()).isEqualTo(200));
	}

	@Test
	void resultFollowedByAnErrorObjectIsTransientEvenThoughTheResultParses() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("user-list-result-then-error-200.json"))));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining(
					"cut off or carried an error (Transaction cancelled: maximum execution time exceeded");
	}

	@Test
	void bodyCutOffWithAnErrorObjectAppendedIsTransient() {
		serviceNow.stubFor(
				get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-cut-then-error-200.json"))));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("cut off or carried an error");
	}

	@Test
	void secondDocumentAfterTheResultIsTransient() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(
				okJson(body("user-list-empty.json").strip() + "{\"error\":{\"message\":\"Transaction cancelled\"}}")));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"));
	}

	@Test
	void acceptedWithoutBodyIsTransient() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(aResponse().withStatus(202)));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("HTTP 202 without a result")
			.satisfies(ex -> assertThat(ex.getStatus()).isEqualTo(202));
	}

	@Test
	void createdWithoutBodyIsTransientSoTheCallerLooksTheAccountUp() {
		serviceNow.stubFor(post(urlPathEqualTo(TABLE + "sys_user")).willReturn(aResponse().withStatus(201)));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.createUser(JIRA_SYNC))
			.withMessageContaining("POST sys_user got HTTP 201 without a result");
	}

	@Test
	void readTimeoutIsTransientAndDoesNotWaitForTheSlowAnswer() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("user-list-one.json")).withFixedDelay(3000)));
		long started = System.nanoTime();

		ServiceNowTransientException failed = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.findUserByUserName("alice.example"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		assertThat(failed.getStatus()).isZero();
		assertThat(failed).hasMessageStartingWith(
				"GET sys_user got no usable answer from ServiceNow (no answer within the read timeout)");
	}

	@Test
	void connectionDroppedMidAnswerIsTransient() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("GET sys_user got no usable answer from ServiceNow");
	}

	@Test
	void nobodyListeningIsTransient() {
		ServiceNowClient unreachable = ServiceNowFixtures.client("http://localhost:1");

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> unreachable.findUserByUserName("alice.example"))
			.withMessageContaining("(could not connect to http://localhost:1)");
	}

	@Test
	void redirectIsRefusedBecauseTheBaseUrlIsWrong() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "https://acme.service-now.com/login.do")));

		assertThatExceptionOfType(ServiceNowRefusedException.class)
			.isThrownBy(() -> this.client.findUserByUserName("alice.example"))
			.withMessageContaining("check servicenow.base-url");
		serviceNow.verify(1, getRequestedFor(urlPathEqualTo(TABLE + "sys_user")));
	}

	@Test
	void passwordNeverAppearsInWhatAFailedSetPasswordShows(CapturedOutput output) {
		String path = TABLE + "sys_user/" + ACCOUNT_SYS_ID;
		// A server that echoes what it got, a cancelled transaction, a cut-off answer and
		// no answer at all.
		serviceNow.stubFor(patch(urlPathEqualTo(path)).willReturn(
				okJson("{\"error\":{\"message\":\"Operation Failed\"," + "\"detail\":\"Password '" + ONE_TIME_PASSWORD
						+ "' does not meet the password policy\"},\"status\":\"failure\"}")
					.withStatus(403)));
		ServiceNowRefusedException refused = catchThrowableOfType(ServiceNowRefusedException.class,
				() -> this.client.setPassword(ACCOUNT_SYS_ID, ONE_TIME_PASSWORD.toCharArray()));
		serviceNow.stubFor(patch(urlPathEqualTo(path))
			.willReturn(okJson(body("error-transaction-cancelled-500.json")).withStatus(500)));
		ServiceNowTransientException cancelled = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.setPassword(ACCOUNT_SYS_ID, ONE_TIME_PASSWORD.toCharArray()));
		serviceNow.stubFor(patch(urlPathEqualTo(path)).willReturn(
				okJson("{\"result\":{\"sys_id\":\"" + ACCOUNT_SYS_ID + "\",\"user_password\":\"" + ONE_TIME_PASSWORD)));
		ServiceNowTransientException cutOff = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.setPassword(ACCOUNT_SYS_ID, ONE_TIME_PASSWORD.toCharArray()));
		serviceNow.stubFor(
				patch(urlPathEqualTo(path)).willReturn(okJson(body("password-set-200.json")).withFixedDelay(2000)));
		ServiceNowTransientException timedOut = catchThrowableOfType(ServiceNowTransientException.class,
				() -> this.client.setPassword(ACCOUNT_SYS_ID, ONE_TIME_PASSWORD.toCharArray()));

		assertThat(refused.getServiceNowDetail()).isEqualTo("Password '[redacted]' does not meet the password policy");
		for (Throwable failure : new Throwable[] { refused, cancelled, cutOff, timedOut }) {
			assertThat(failure).isNotNull();
			assertThat(everythingShownOf(failure)).contains("PATCH sys_user/" + ACCOUNT_SYS_ID)
				.doesNotContain(ONE_TIME_PASSWORD);
		}
		assertThat(output.getAll()).doesNotContain(ONE_TIME_PASSWORD);
		// It did reach ServiceNow, so the absence above is redaction, not a request that
		// never went out.
		assertThat(serviceNow.findAll(patchRequestedFor(urlPathEqualTo(path))))
			.allSatisfy(request -> assertThat(request.getBodyAsString()).contains(ONE_TIME_PASSWORD))
			.hasSize(4);
	}

}
