package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who reads the actuator: anyone locally; in {@code prod} the probes answer anyone,
 * health details and metrics only a member of the metrics group with HTTP basic
 * credentials.
 */
class ActuatorAccessTests {

	static final Map<String, String> PASSWORDS = Map.of("ops", "ops-secret", "alice", "alice-secret");

	static final Map<String, Set<String>> GROUPS = Map.of("ops", Set.of("camunda-admin"), "alice",
			Set.of("service-account-requesters"));

	static final ActuatorAccess.Users USERS = (user, password) -> password.equals(PASSWORDS.get(user))
			? Optional.of(GROUPS.get(user)) : Optional.empty();

	final ActuatorAccess closed = new ActuatorAccess(USERS, "/actuator", "camunda-admin", false);

	@Test
	void metricsWithoutCredentialsAreChallenged() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		closed.doFilter(get("/actuator/prometheus", null), response, chain);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void wrongCredentialsAreRefusedEverywhereEvenAtHealth() throws Exception {
		for (String path : new String[] { "/actuator/prometheus", "/actuator/health" }) {
			for (String credentials : new String[] { basic("ops", "wrong"), basic("nobody", "ops-secret"),
					"Basic not-base64!", "Bearer ops-secret" }) {
				MockHttpServletResponse response = new MockHttpServletResponse();
				MockFilterChain chain = new MockFilterChain();

				closed.doFilter(get(path, credentials), response, chain);

				assertThat(response.getStatus()).as(path + " with " + credentials).isEqualTo(401);
				assertThat(chain.getRequest()).isNull();
			}
		}
	}

	@Test
	void anotherGroupIsForbiddenTheMetrics() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		closed.doFilter(get("/actuator/prometheus", basic("alice", "alice-secret")), response, chain);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("camunda-admin");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void aMemberOfTheMetricsGroupPassesAsThatUserInTheRolesOfTheirGroups() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		closed.doFilter(get("/actuator/prometheus", basic("ops", "ops-secret")), new MockHttpServletResponse(), chain);

		HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
		assertThat(passed.getUserPrincipal().getName()).isEqualTo("ops");
		assertThat(passed.isUserInRole("camunda-admin")).isTrue();
		assertThat(passed.isUserInRole("service-account-requesters")).isFalse();
	}

	@Test
	void healthAndItsProbesAnswerAnyoneAsNobody() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			MockFilterChain chain = new MockFilterChain();

			closed.doFilter(get(path, null), new MockHttpServletResponse(), chain);

			assertThat(((HttpServletRequest) chain.getRequest()).getUserPrincipal()).as(path).isNull();
		}
	}

	@Test
	void aPathThatIsNotCanonicalCannotPassForHealth() throws Exception {
		for (String path : new String[] { "/actuator/health/../prometheus", "/actuator/health/..;/prometheus",
				"/actuator/health/%2e%2e/prometheus", "/actuator/health;/../prometheus", "/actuator//prometheus" }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			MockFilterChain chain = new MockFilterChain();

			closed.doFilter(get(path, null), response, chain);

			assertThat(response.getStatus()).as(path).isEqualTo(400);
			assertThat(chain.getRequest()).isNull();
		}
	}

	@Test
	void openMetricsAnswerWithoutCredentials() throws Exception {
		ActuatorAccess open = new ActuatorAccess(USERS, "/actuator", "camunda-admin", true);
		MockFilterChain chain = new MockFilterChain();

		open.doFilter(get("/actuator/prometheus", null), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	static MockHttpServletRequest get(String path, String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code prod} profile over HTTP, against Camunda's own users and groups. */
	@Nested
	// Tests switch metric export off unless asked; the Prometheus endpoint is what is
	// tested here.
	@AutoConfigureObservability(tracing = false)
	// Closed after the class: the engine REST API finds its engine by the name "default",
	// which only one application context at a time may hold.
	@DirtiesContext
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.profiles.active=prod",
					"spring.datasource.url=jdbc:h2:mem:prod-actuator;DB_CLOSE_DELAY=-1",
					"spring.datasource.driver-class-name=org.h2.Driver", "spring.datasource.username=sa",
					"spring.datasource.password=", "camunda.bpm.database.type=h2",
					"servicenow.base-url=https://servicenow.invalid", "servicenow.username=svc_camunda_integration",
					"servicenow.password=Integration-2026-secret", "servicenow.connect-timeout=1s",
					"spring.mail.host=127.0.0.1", "serviceaccounts.identity.mode=camunda",
					"camunda.bpm.admin-user.id=ops-admin", "camunda.bpm.admin-user.password=" + InProd.ADMIN_PASSWORD,
					"serviceaccounts.tasklist-url=https://camunda.example.com/camunda/app/tasklist/",
					"camunda.bpm.job-execution.enabled=false" })
	class InProd {

		static final String ADMIN_PASSWORD = "Long-and-unique-2026";

		static final String ALICE_PASSWORD = "Alice-2026-password";

		static final ObjectMapper JSON = new ObjectMapper();

		@LocalServerPort
		int port;

		@Autowired
		IdentityService identityService;

		final HttpClient http = HttpClient.newHttpClient();

		@BeforeEach
		void aliceIsARequesterOnly() {
			if (identityService.createUserQuery().userId("alice").count() == 0) {
				User alice = identityService.newUser("alice");
				alice.setPassword(ALICE_PASSWORD);
				identityService.saveUser(alice);
			}
		}

		@Test
		void healthShowsItsDetailsOnlyToTheMetricsGroup() throws Exception {
			JsonNode anonymous = JSON.readTree(get("/actuator/health", null).body());
			assertThat(anonymous.path("status").asText()).isNotEmpty();
			assertThat(anonymous.has("components")).isFalse();
			assertThat(anonymous.has("details")).isFalse();

			JsonNode requester = JSON.readTree(get("/actuator/health", basic("alice", ALICE_PASSWORD)).body());
			assertThat(requester.has("components")).isFalse();

			JsonNode operator = JSON.readTree(get("/actuator/health", basic("ops-admin", ADMIN_PASSWORD)).body());
			assertThat(operator.at("/components/db/status").asText()).isEqualTo("UP");
			assertThat(operator.at("/components/serviceNow/details/instance").asText())
				.isEqualTo("https://servicenow.invalid");
		}

		@Test
		void theProbesAnswerAnyoneWithTheirStatusOnly() throws Exception {
			for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
				HttpResponse<String> response = get(probe, null);
				assertThat(response.statusCode()).as(probe).isEqualTo(200);
				assertThat(JSON.readTree(response.body())).as(probe).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
			}
		}

		@Test
		void metricsNeedAMemberOfTheMetricsGroup() throws Exception {
			HttpResponse<String> anonymous = get("/actuator/prometheus", null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic "));
			assertThat(anonymous.body()).doesNotContain("serviceaccounts_");

			assertThat(get("/actuator/prometheus", basic("mallory", "guessed-password")).statusCode()).isEqualTo(401);

			HttpResponse<String> requester = get("/actuator/prometheus", basic("alice", ALICE_PASSWORD));
			assertThat(requester.statusCode()).isEqualTo(403);
			assertThat(requester.body()).doesNotContain("serviceaccounts_");

			HttpResponse<String> operator = get("/actuator/prometheus", basic("ops-admin", ADMIN_PASSWORD));
			assertThat(operator.statusCode()).isEqualTo(200);
			assertThat(operator.body()).contains("serviceaccounts_incidents_open");
		}

		HttpResponse<String> get(String path, String authorization) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
